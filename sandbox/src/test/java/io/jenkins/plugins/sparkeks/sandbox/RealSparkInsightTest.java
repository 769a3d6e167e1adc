package io.jenkins.plugins.sparkeks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.insight.EventLogReader;
import io.jenkins.plugins.sparkeks.core.insight.InsightBackend;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.insight.LocalEventLogs;
import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import io.jenkins.plugins.sparkeks.core.insight.SparkVerdict;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.KubernetesBackend;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark insight end to end against real Spark 3.5.6 drivers in the sandbox: the core's Kubernetes backend wrapped
 * with insight, which reads each driver's REST API through the sandbox API server's pod proxy while it runs and its
 * event log (a local directory here) after it ends. Each test prints what a console would show.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealSparkInsightTest {

    private static final String NS = "spark-insight";
    private static final String APPS = "io.jenkins.plugins.sparkeks.sparkapps.";
    private static final WaitOptions WAIT =
            new WaitOptions(Duration.ofMinutes(1), Duration.ofMinutes(2), true, Retention.KEEP, null);

    private static KubernetesSandbox sandbox;
    private static ScheduledThreadPoolExecutor scheduler;
    private static DriverInformerRegistry informers;
    private static SparkJobBackend<SparkSubmitRequest> backend;

    @TempDir
    static Path eventLogs;

    @BeforeAll
    static void start() {
        sandbox = KubernetesSandbox.startWithRealSpark(
                SparkRuntime.at(Path.of(System.getProperty("sandbox.sparkRuntime"))));
        scheduler = new ScheduledThreadPoolExecutor(1, Executors.defaultThreadFactory());
        informers = new DriverInformerRegistry(scheduler);
        KubernetesBackend k8s = new KubernetesBackend(sandbox.client(), sandbox.coordinates(), informers, scheduler);
        backend = InsightBackend.wrap(k8s, InsightOptions.DEFAULT.withPollInterval(Duration.ofSeconds(1)),
                InsightWiring.of(sandbox.client(), "sandbox", new InsightMachinery(scheduler),
                        new EventLogReader(List.of(new LocalEventLogs()))),
                SparkSubmitRequest::conf);
    }

    @AfterAll
    static void stop() {
        informers.close();
        scheduler.shutdownNow();
        sandbox.close();
    }

    @Test
    void multiStageJobShowsProgressLinesWhileItRunsAndItsCountsInTheResult() throws Exception {
        Console console = new Console(false);
        JobResult result = run(request("progress", APPS + "SlowStages", "3", "700"), console);

        assertThat(result.state()).as(console.text()).isEqualTo(JobState.SUCCEEDED);
        assertThat(console.progress).as(console.text()).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(line -> assertThat(line).matches("Spark: jobs \\d done, 1 running, 0 failed · stage .*"
                        + "\\d/4 tasks.*"));
        SparkInsight spark = result.spark();
        assertThat(spark.coverage()).as(console.text()).isEqualTo(SparkInsight.Coverage.COMPLETE);
        Map<String, Object> map = result.toMap();
        assertThat(map).extractingByKey("spark").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("jobs", Map.of("succeeded", 3, "running", 0, "failed", 0))
                .containsEntry("stages", Map.of("completed", 6, "active", 0, "failed", 0, "skipped", 0));
    }

    @Test
    void driverThatSwallowsAFailedJobAndExitsZeroFailsWithTheFailedJobsReason() throws Exception {
        Console console = new Console(false);
        JobResult result = run(request("swallow", APPS + "SwallowedJobFailure"), console);

        assertThat(result.exitCode()).isZero();
        assertThat(result.state()).as(console.text()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo(SparkVerdict.SPARK_JOB_FAILED);
        assertThat(result.message()).contains("exited 0");
        assertThat(String.join("\n", result.explanation()) + result.message())
                .contains("sandbox task failed on purpose");
        assertThat(result.spark().last().jobsSucceeded()).isEqualTo(1);
        assertThat(result.spark().last().jobsFailed()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "lzf"})
    void aCompressedEventLogIsReadAfterTheDriverEnds(String codec) throws Exception {
        Console console = new Console(false);
        SparkSubmitRequest plain = request("compressed-" + codec, APPS + "SlowStages", "2", "300");
        JobResult result = run(plain.toBuilder().conf("spark.eventLog.compress", "true").conf("spark.eventLog.compression.codec", codec).build(), console);

        assertThat(result.state()).as(console.text()).isEqualTo(JobState.SUCCEEDED);
        try (Stream<Path> logs = Files.list(eventLogs)) {
            assertThat(logs.map(p -> p.getFileName().toString())).as("Spark wrote its event log with " + codec)
                    .anyMatch(n -> n.endsWith("." + codec));
        }
        assertThat(result.spark().note()).as(console.text()).isNull();
        assertThat(result.spark().coverage()).isEqualTo(SparkInsight.Coverage.COMPLETE);
        assertThat(result.toMap()).extractingByKey("spark").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("jobs", Map.of("succeeded", 2, "running", 0, "failed", 0));
    }

    private static SparkSubmitRequest request(String app, String mainClass, String... args) {
        return SparkSubmitRequest.builder(app).namespace(NS).image("public.ecr.aws/emr-on-eks/spark/emr-7.5.0:latest")
                .mainClass(mainClass).primaryResource("local:///usr/lib/spark/examples/jars/spark-examples.jar")
                .appArgs(args)
                // the event log lets insight count what happened after its last live read
                .conf("spark.eventLog.enabled", "true").conf("spark.eventLog.dir", eventLogs.toUri().toString())
                .build();
    }

    private static JobResult run(SparkSubmitRequest request, Console console) throws Exception {
        JobReference ref = backend.submit(request, new SubmissionKey("insight:" + UUID.randomUUID()), console, WAIT);
        JobResult result = backend.watch(ref, WAIT, console).result().get(100, TimeUnit.SECONDS);
        console.line("-- result: " + result.toMap());
        System.out.println(console.text());
        return result;
    }
}
