package io.jenkins.plugins.sparkeks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrEksCluster;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.emr.EmrPollSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery;
import io.jenkins.plugins.sparkeks.core.insight.EmrClusterWiring;
import io.jenkins.plugins.sparkeks.core.insight.EventLogReader;
import io.jenkins.plugins.sparkeks.core.insight.InsightBackend;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.insight.LocalEventLogs;
import io.jenkins.plugins.sparkeks.core.insight.SparkConfs;
import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import io.jenkins.plugins.sparkeks.core.insight.SparkVerdict;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * EMR on EKS with cluster access, end to end against real Spark 3.5.6: the core's EMR backend submits to the AWS
 * emulator, whose virtual cluster's EKS cluster is the sandbox; the sandbox runs the job run's driver pod for real,
 * and insight, wired as {@code sparkInsightClusterAccess} wires it, reads that pod's Spark UI through the API server's
 * pod proxy while it runs and its event log after. Each test prints what a console would show.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RealSparkEmrInsightTest {

    static final String EKS = "sandbox-eks";
    static final String VC = "emrsandbox01";
    static final String NS = "emr-insight";
    static final String EXAMPLES = "local:///usr/lib/spark/examples/jars/spark-examples.jar";
    private static final WaitOptions WAIT =
            new WaitOptions(Duration.ofMinutes(1), Duration.ofMinutes(2), true, Retention.KEEP, null);

    private static KubernetesSandbox sandbox;
    private static AwsEmulator aws;
    private static AwsClientFactory clients;
    private static EmrWatchMachinery machinery;

    @TempDir
    static Path eventLogs;

    @BeforeAll
    static void start() {
        sandbox = KubernetesSandbox.startWithRealSpark(
                SparkRuntime.at(Path.of(System.getProperty("sandbox.sparkRuntime"))));
        aws = AwsEmulator.builder().clock(Clock.systemUTC()).logStreamLag(Duration.ofMillis(300)).start()
                .virtualCluster(VirtualCluster.running(VC, "analytics", EKS, NS));
        sandbox.hostEmrDrivers(aws, EKS);
        clients = new AwsClientFactory();
        machinery = EmrWatchMachinery.create(EmrPollSettings.fast());
    }

    @AfterAll
    static void stop() {
        machinery.close();
        clients.close();
        sandbox.close();
        aws.close();
    }

    @Test
    void multiStageJobShowsProgressLinesAndItsCountsAndTheEmrSparkUiLink() throws Exception {
        Console console = new Console();
        EmrJobRequest request = request("emr-progress", "io.jenkins.plugins.sparkeks.sparkapps.SlowStages", "3", "700");
        JobResult result = run(request, console);

        assertThat(result.state()).as(console.text()).isEqualTo(JobState.SUCCEEDED);
        assertThat(console.progress).as(console.text()).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(line -> assertThat(line).matches("Spark: jobs \\d done, 1 running, 0 failed · stage .*"
                        + "\\d/4 tasks.*"));
        assertThat(console.text()).doesNotContain("Spark insight unavailable");
        SparkInsight spark = result.spark();
        assertThat(spark.coverage()).as(console.text()).isEqualTo(SparkInsight.Coverage.COMPLETE);
        EmrJobRunReference ref = (EmrJobRunReference) console.reference;
        assertThat(spark.portForward()).isEqualTo("kubectl port-forward -n " + NS + " pod/spark-" + ref.jobRunId()
                + "-driver 4040:4040");
        assertThat(spark.historyUrl()).isEqualTo("https://us-east-1.console.aws.amazon.com/emr/home?region=us-east-1"
                + "#/virtual-clusters/" + VC + "/job-runs/" + ref.jobRunId());
        assertThat(result.toMap()).extractingByKey("spark").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("jobs", Map.of("succeeded", 3, "running", 0, "failed", 0))
                .containsEntry("stages", Map.of("completed", 6, "active", 0, "failed", 0, "skipped", 0))
                .containsEntry("historyUrl", spark.historyUrl());
        assertThat(aws.jobRunState(ref.jobRunId())).contains("COMPLETED");
    }

    @Test
    void theEmrExampleSparkPiThatSwallowsNothingAndOneThatSwallowsAFailedJobAreJudgedBySpark() throws Exception {
        Console pi = new Console();
        JobResult piResult = run(request("emr-pi", "org.apache.spark.examples.SparkPi", "4"), pi);
        assertThat(piResult.state()).as(pi.text()).isEqualTo(JobState.SUCCEEDED);
        assertThat(piResult.toMap()).extractingByKey("spark").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("jobs", Map.of("succeeded", 1, "running", 0, "failed", 0))
                .containsEntry("stages", Map.of("completed", 2, "active", 0, "failed", 0, "skipped", 0));

        Console swallow = new Console();
        JobResult swallowed = run(request("emr-swallow", "io.jenkins.plugins.sparkeks.sparkapps.SwallowedJobFailure"),
                swallow);
        EmrJobRunReference ref = (EmrJobRunReference) swallow.reference;
        assertThat(aws.jobRunState(ref.jobRunId())).as("the driver exited 0").contains("COMPLETED");
        assertThat(swallowed.state()).as(swallow.text()).isEqualTo(JobState.FAILED);
        assertThat(swallowed.reason()).isEqualTo(SparkVerdict.SPARK_JOB_FAILED);
        assertThat(String.join("\n", swallowed.explanation()) + swallowed.message())
                .contains("sandbox task failed on purpose");
    }

    private static EmrJobRequest request(String name, String mainClass, String... args) {
        return EmrJobRequest.builder().name(name).virtualClusterId(VC)
                .executionRoleArn("arn:aws:iam::111122223333:role/emr-job").releaseLabel("emr-7.5.0-latest")
                .sparkSubmit(EXAMPLES, List.of(args), "--class " + mainClass
                        // the event log lets insight count what happened after its last live read
                        + " --conf spark.eventLog.enabled=true --conf spark.eventLog.dir=" + eventLogs.toUri())
                .cloudWatchLogs("/emr-on-eks/sandbox", "runs")
                .build();
    }

    /** The EMR backend with insight wired as the command line's {@code --spark-insight-cluster-access} wires it. */
    private static JobResult run(EmrJobRequest request, Console console) throws Exception {
        AwsSettings settings = settings();
        SparkJobBackend<EmrJobRequest> emr = EmrBackend.create(clients, settings, machinery);
        InsightWiring withoutCluster = InsightWiring.of(null, null, new InsightMachinery(machinery.scheduler()),
                new EventLogReader(List.of(new LocalEventLogs())));
        InsightWiring wiring = EmrClusterWiring.wire(withoutCluster, true,
                () -> EmrEksCluster.nameOf(clients.emrContainers(settings), request),
                name -> {
                    assertThat(name).isEqualTo(EKS);
                    return new ClusterConnection(sandbox.client(), sandbox.coordinates(), null);
                });
        SparkJobBackend<EmrJobRequest> backend = InsightBackend.wrap(emr,
                InsightOptions.DEFAULT.withPollInterval(Duration.ofSeconds(1)), wiring, SparkConfs::of);
        JobReference ref = backend.submit(request, new SubmissionKey("emr:" + UUID.randomUUID()), console, WAIT);
        console.reference = ref;
        JobResult result = backend.watch(ref, WAIT, console).result().get(120, TimeUnit.SECONDS);
        console.line("-- result: " + result.toMap());
        System.out.println(console.text());
        return result;
    }

    private static AwsSettings settings() {
        AwsSettings s = AwsSettings.of(aws.region()).withCredentials(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)));
        for (AwsService service : AwsService.values()) {
            s = s.withEndpoint(service, aws.endpoint());
        }
        return s;
    }

    /** What a console shows: state changes, diagnostics, progress lines and the log lines that are not INFO. */
    private static final class Console implements JobObserver {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> progress = new CopyOnWriteArrayList<>();
        volatile JobReference reference;

        void line(String s) {
            lines.add(s);
        }

        String text() {
            return String.join("\n", lines);
        }

        @Override
        public void stateChanged(JobState state, String detail) {
            line("[state] " + state + ": " + detail);
        }

        @Override
        public void diagnostic(String line) {
            line("[diag] " + line);
        }

        @Override
        public void sparkProgress(SparkSnapshot snapshot) {
            progress.add(snapshot.progressLine());
            line("[spark] " + snapshot.progressLine());
        }

        @Override
        public void log(LogLine line) {
            line("[log] " + line.text());
        }
    }
}
