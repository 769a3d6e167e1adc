package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.emr.AckEmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.AckJobRunSubmitter;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.sandbox.DriverScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;

/** {@code emr-run --submit-through ack}: the JobRun goes to the virtual cluster's EKS cluster (the sandbox). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmrSubmitThroughCommandTest {

    private static final String NS = "spark-demo";

    private static SandboxEngines sandbox;
    private static ScheduledExecutorService ack;
    private static EmrContainersClient emr;
    private static final List<SparkJobBackend<EmrJobRequest>> ackBackends = new ArrayList<>();

    /** The sandbox with its insight, recording the ACK backends handed out. */
    private static final class Shared extends SharedSandbox {
        Shared() {
            super(EmrSubmitThroughCommandTest.sandbox, true);
        }

        @Override
        public SparkJobBackend<EmrJobRequest> emrThroughAck(SparkJobBackend<EmrJobRequest> api, EmrJobRequest request) {
            SparkJobBackend<EmrJobRequest> b = sandbox.emrThroughAck(api, request);
            ackBackends.add(b);
            return b;
        }
    }

    @BeforeAll
    static void start() {
        sandbox = new SandboxEngines(new DriverScripts(), request -> JobScript.builder().pending(Duration.ofMillis(200))
                .running(Duration.ofSeconds(1)).completes().build());
        AwsEmulator aws = sandbox.awsEmulator();
        emr = EmrContainersClient.builder().endpointOverride(aws.endpoint()).region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
        ack = Executors.newSingleThreadScheduledExecutor();
        ack.scheduleWithFixedDelay(EmrSubmitThroughCommandTest::playAck, 0, 50, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        ack.shutdownNow();
        emr.close();
        sandbox.close();
    }

    /** Plays the ACK controller: every JobRun without a status becomes a StartJobRun. */
    @SuppressWarnings("unchecked")
    private static void playAck() {
        KubernetesClient client = sandbox.kubernetesSandbox().client();
        for (GenericKubernetesResource jr : client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace(NS)
                .list().getItems()) {
            if (jr.getAdditionalProperties().get("status") != null) {
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) jr.getAdditionalProperties().get("spec");
            Map<String, Object> driver = (Map<String, Object>) ((Map<String, Object>) spec.get("jobDriver"))
                    .get("sparkSubmitJobDriver");
            String id = emr.startJobRun(b -> b.name((String) spec.get("name"))
                    .virtualClusterId((String) spec.get("virtualClusterID"))
                    .executionRoleArn((String) spec.get("executionRoleARN"))
                    .releaseLabel((String) spec.get("releaseLabel"))
                    .jobDriver(d -> d.sparkSubmitJobDriver(s -> s.entryPoint((String) driver.get("entryPoint"))))
                    .clientToken(UUID.randomUUID().toString()))
                    .id();
            jr.getAdditionalProperties().put("status", Map.of("id", id, "state", "PENDING"));
            client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace(NS).resource(jr).update();
        }
    }

    private static CliRun emrRun(String... more) {
        List<String> args = new ArrayList<>(List.of("emr-run", "--region", "us-east-1", "--virtual-cluster-id",
                SandboxEngines.VIRTUAL_CLUSTER_ID, "--execution-role-arn", "arn:aws:iam::111122223333:role/job",
                "--release-label", "emr-7.5.0-latest", "--entry-point", DemoCommand.EXAMPLES, "--log-group",
                SandboxEngines.LOG_GROUP, "--timeout", "45s", "--output", "json"));
        args.addAll(List.of(more));
        return CliRun.run(Shared::new, args.toArray(String[]::new));
    }

    @Test
    void ackCreatesTheJobRunInTheVirtualClustersNamespaceAndTheResultSaysSo() {
        ackBackends.clear();

        CliRun run = emrRun("--name", "pi-ack", "--submission-key", "cli-ack", "--submit-through", "ack",
                "--cluster-access");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ackBackends).singleElement().isInstanceOf(AckEmrBackend.class);
        assertThat(sandbox.kubernetesSandbox().client().genericKubernetesResources(AckJobRunSubmitter.JOB_RUN)
                .inNamespace(NS).list().getItems())
                .anySatisfy(jr -> assertThat(jr.getMetadata().getName()).startsWith("spark-on-eks-"));
        assertThat(run.out()).contains("\"submittedThrough\"").contains("\"ack\"");
    }

    @Test
    void ackWithoutClusterAccessIsAUsageErrorNamingTheFlagToAdd() {
        ackBackends.clear();

        CliRun run = emrRun("--name", "pi-no-access", "--submit-through", "ack");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--submit-through").contains("Add --cluster-access");
        assertThat(ackBackends).isEmpty();
    }

    @Test
    void whatTheJobRunCannotCarryIsRefusedBeforeAnythingIsConnected() {
        ackBackends.clear();

        CliRun run = emrRun("--name", "pi-retried", "--submit-through", "ack", "--cluster-access",
                "--max-attempts", "3");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--max-attempts").contains("ACK JobRun");
        assertThat(ackBackends).isEmpty();
    }

    @Test
    void anUnknownWayIsAUsageError() {
        CliRun run = emrRun("--name", "pi-odd", "--submit-through", "kubectl");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--submit-through").contains("'kubectl'");
    }
}
