package io.jenkins.plugins.sparkeks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.FailureReason;
import software.amazon.awssdk.services.emrcontainers.model.JobRun;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;

/** EMR on EKS job runs of the AWS emulator get their driver pods in the sandbox, and follow them (scripted drivers). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmrDriverPodsTest {

    private static final String NS = "emr-jobs";
    private static final String EXAMPLES = "local:///usr/lib/spark/examples/jars/spark-examples.jar";

    private KubernetesSandbox sandbox;
    private AwsEmulator aws;
    private EmrContainersClient emr;

    @BeforeEach
    void start() {
        sandbox = KubernetesSandbox.start();
        aws = AwsEmulator.builder().clock(Clock.systemUTC()).logStreamLag(Duration.ofMillis(200)).start()
                .virtualCluster(VirtualCluster.running("vc1", "analytics", "sandbox-eks", NS))
                .virtualCluster(VirtualCluster.running("vc2", "elsewhere", "other-eks", NS));
        sandbox.hostEmrDrivers(aws, "sandbox-eks");
        emr = EmrContainersClient.builder().endpointOverride(aws.endpoint()).region(Region.of(aws.region()))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID,
                AwsEmulator.SECRET_ACCESS_KEY));
    }

    @AfterEach
    void stop() {
        emr.close();
        sandbox.close();
        aws.close();
    }

    private String startRun(String vc, String name, String parameters) {
        return emr.startJobRun(r -> r.virtualClusterId(vc).name(name).clientToken(name)
                .executionRoleArn("arn:aws:iam::111122223333:role/emr-job").releaseLabel("emr-7.5.0-latest")
                .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint(EXAMPLES).entryPointArguments("10")
                        .sparkSubmitParameters(parameters)))
                .configurationOverrides(o -> o.applicationConfiguration(c -> c.classification("spark-defaults")
                        .properties(Map.of("spark.eventLog.enabled", "true", "spark.executor.instances", "1")))
                        .monitoringConfiguration(m -> m.cloudWatchMonitoringConfiguration(c -> c.logGroupName("/emr")))))
                .id();
    }

    private JobRun describe(String vc, String id) {
        return emr.describeJobRun(r -> r.virtualClusterId(vc).id(id)).jobRun();
    }

    private Pod driverPod(String id) {
        return sandbox.client().pods().inNamespace(NS).withName("spark-" + id + "-driver").get();
    }

    @Test
    void theDriverPodIsCreatedAsEmrCreatesItAndTheRunFollowsItToCompleted() throws Exception {
        sandbox.scripts().forAppName("pi-ok", DriverScript.succeeding(List.of("Pi is roughly 3.14", "done"))
                .withPending(Duration.ofMillis(200)).withLineInterval(Duration.ofMillis(1500)));
        String id = startRun("vc1", "pi-ok", "--class org.apache.spark.examples.SparkPi --conf spark.executor.instances=2"
                + " --driver-memory 1g");

        Pod pod = driverPod(id);
        assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(Map.of(
                "emr-containers.amazonaws.com/job.id", id,
                "emr-containers.amazonaws.com/virtual-cluster-id", "vc1",
                "emr-containers.amazonaws.com/component", "driver",
                "spark-role", "driver",
                "spark-app-selector", "spark-" + id,
                "spark-app-name", "pi-ok"));
        Container container = pod.getSpec().getContainers().get(0);
        assertThat(container.getName()).isEqualTo("spark-kubernetes-driver");
        assertThat(container.getArgs()).containsExactly("driver", "--properties-file", "/opt/spark/conf/spark.properties",
                "--class", "org.apache.spark.examples.SparkPi", EXAMPLES, "10");
        ConfigMap conf = sandbox.client().configMaps().inNamespace(NS).withName(
                pod.getSpec().getVolumes().get(0).getConfigMap().getName()).get();
        Properties p = new Properties();
        p.load(new StringReader(conf.getData().get("spark.properties")));
        assertThat(p).containsEntry("spark.app.id", "spark-" + id)
                .containsEntry("spark.eventLog.enabled", "true")
                .as("--conf beats spark-defaults").containsEntry("spark.executor.instances", "2")
                .containsEntry("spark.driver.memory", "1g")
                .containsEntry("spark.kubernetes.driver.pod.name", "spark-" + id + "-driver")
                .containsEntry("spark.jars", EXAMPLES);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(describe("vc1", id).state()).isEqualTo(JobRunState.RUNNING));
        assertThat(driverPod(id).getStatus().getPhase()).isEqualTo("Running");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(describe("vc1", id).state()).isEqualTo(JobRunState.COMPLETED));
        assertThat(driverPod(id).getStatus().getPhase()).isEqualTo("Succeeded");
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(aws.endpoint())
                .region(Region.of(aws.region())).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String stream = "vc1/jobs/" + id + "/containers/spark-" + id + "/spark-" + id + "-driver/stdout";
            assertThat(logs.getLogEvents(r -> r.logGroupName("/emr").logStreamName(stream).startFromHead(true)).events())
                    .as("the pod's log, shipped before the run completed").extracting(e -> e.message())
                    .containsExactly("Pi is roughly 3.14", "done");
        }
    }

    @Test
    void aNonZeroExitFailsTheRunWithTheExitCode() {
        sandbox.scripts().forAppName("pi-bad", DriverScript.failing(2, List.of("Exception in thread main")));
        String id = startRun("vc1", "pi-bad", "--class org.apache.spark.examples.SparkPi");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(describe("vc1", id).state()).isEqualTo(JobRunState.FAILED));
        JobRun run = describe("vc1", id);
        assertThat(run.failureReason()).isEqualTo(FailureReason.USER_ERROR);
        assertThat(run.stateDetails()).isEqualTo("Job run failed: driver pod spark-" + id + "-driver exited with code 2");
    }

    @Test
    void cancellingTheRunDeletesItsDriverPod() {
        sandbox.scripts().forAppName("long", DriverScript.succeeding(List.of("a", "b"))
                .withLineInterval(Duration.ofSeconds(30)));
        String id = startRun("vc1", "long", "--class org.apache.spark.examples.SparkPi");
        await().atMost(Duration.ofSeconds(10)).until(() -> describe("vc1", id).state() == JobRunState.RUNNING);

        emr.cancelJobRun(r -> r.virtualClusterId("vc1").id(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> driverPod(id) == null);
        await().atMost(Duration.ofSeconds(10)).until(() -> describe("vc1", id).state() == JobRunState.CANCELLED);
    }

    @Test
    void parametersSparkSubmitRefusesFailTheRunWithoutAPod() {
        String id = startRun("vc1", "bad-params", "--class org.apache.spark.examples.SparkPi --no-such-option x");

        await().atMost(Duration.ofSeconds(15)).until(() -> describe("vc1", id).state() == JobRunState.FAILED);
        assertThat(describe("vc1", id).stateDetails()).isEqualTo("Job run failed: driver pod spark-" + id
                + "-driver was never created: Unrecognized option: --no-such-option");
        assertThat(driverPod(id)).isNull();
    }

    @Test
    void aVirtualClusterOfAnotherEksClusterGetsNoPodAndFollowsItsScript() {
        aws.script("elsewhere", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ofMillis(300))
                .running(Duration.ofMinutes(1)).build());
        String id = startRun("vc2", "elsewhere", "--class org.apache.spark.examples.SparkPi");

        await().atMost(Duration.ofSeconds(20)).until(() -> describe("vc2", id).state() == JobRunState.RUNNING);
        assertThat(driverPod(id)).isNull();
        assertThat(sandbox.driversStarted()).isZero();
    }
}
