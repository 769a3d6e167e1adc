package io.jenkins.plugins.sparkeks.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.KubernetesBackend;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Insight around the real driver pod backend on the mock API server: the driver's Spark UI is a fake Spark REST
 * server reached through the API server's pod proxy path, as a real cluster would route it.
 */
@EnableKubernetesMockClient(crud = true)
class InsightBackendTest {

    static KubernetesMockServer server;
    static KubernetesClient mockClient;

    static final String NS = "spark";
    static final WaitOptions NO_LOGS = WaitOptions.DEFAULT.withFollowLogs(false);
    static final InsightOptions FAST = InsightOptions.DEFAULT.withPollInterval(Duration.ofMillis(200));

    static KubernetesClient client;
    static ScheduledExecutorService scheduler;
    static DriverInformerRegistry informers;
    static KubernetesBackend plain;
    static DriverPods pods;
    static InsightMachinery machinery;

    @BeforeAll
    static void setUp() {
        client = server.createClient();
        scheduler = Executors.newScheduledThreadPool(2);
        informers = new DriverInformerRegistry(scheduler);
        plain = new KubernetesBackend(client, DriverPods.CLUSTER, informers, scheduler);
        pods = new DriverPods(client, NS);
        machinery = new InsightMachinery(scheduler);
    }

    @AfterAll
    static void tearDown() {
        informers.close();
        scheduler.shutdownNow();
        client.close();
    }

    static SparkSubmitRequest request(String name, Map<String, String> conf) {
        SparkSubmitRequest.Builder b = SparkSubmitRequest.builder(name).namespace(NS).image("apache/spark:3.5.6")
                .mainClass("org.apache.spark.examples.SparkPi")
                .primaryResource("local:///opt/spark/examples/jars/spark-examples.jar");
        b.conf(conf);
        return b.build();
    }

    static SparkJobBackend<SparkSubmitRequest> insight(InsightOptions options, EventLogReader logs, Duration grace) {
        return InsightBackend.wrap(plain, options, InsightWiring.of(client, DriverPods.CLUSTER, machinery, logs)
                .withUiGrace(grace), SparkSubmitRequest::conf);
    }

    @Test
    void showsProgressAndFailsAStepWhoseDriverSwallowedAFailedSparkJob() throws Exception {
        try (FakeSparkUi ui = new FakeSparkUi(false)) {
            SparkJobBackend<SparkSubmitRequest> backend = insight(FAST, null, null);
            RecordingObserver observer = new RecordingObserver();
            DriverPodReference ref = (DriverPodReference) backend.submit(request("swallow", Map.of()),
                    new SubmissionKey("job/swallow#1"), observer);
            ui.exposeThrough(server, NS, ref.podName(), 4040);
            JobWatch watch = backend.watch(ref, NO_LOGS, observer);
            ui.executor("1", true, true);
            ui.executor("2", true, true);
            ui.job(0, "RUNNING", "reduce at SparkPi.scala:38", null, new int[] {0}, 100, 40, 0);
            ui.stage(0, 0, "ACTIVE", "reduce at SparkPi.scala:38", 100, 40, 0, null);
            pods.running(ref.podName());

            await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.contains(
                    "Spark: jobs 0 done, 1 running, 0 failed · stage 0 (reduce at SparkPi.scala:38) 40/100 tasks"
                            + " · executors 2 alive"));
            assertThat(watch.status()).contains("Spark: jobs 0 done, 1 running");

            ui.job(0, "SUCCEEDED", "reduce at SparkPi.scala:38", null, new int[] {0}, 100, 100, 0);
            ui.stage(0, 0, "COMPLETE", "reduce at SparkPi.scala:38", 100, 100, 0, null);
            ui.job(1, "FAILED", "save at Etl.scala:40", "write orders", new int[] {1}, 8, 2, 4);
            ui.stage(1, 0, "FAILED", "save at Etl.scala:40", 8, 2, 4, "Job aborted due to stage failure: Task 3 in stage 1.0"
                    + " failed 4 times, most recent failure: java.lang.IllegalStateException: bad row\n\tat Etl.save(Etl.scala:40)");
            ui.executor("2", false, true);
            await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.contains(
                    "Spark: jobs 1 done, 0 running, 1 failed · 4 failed tasks · executors 1 alive, 1 lost"));
            long lines = observer.diagnostics.stream().filter(l -> l.startsWith("Spark: ")).count();
            Thread.sleep(1000);
            assertThat(observer.diagnostics.stream().filter(l -> l.startsWith("Spark: ")).count())
                    .as("no new line while nothing changes").isEqualTo(lines);

            pods.terminated(ref.podName(), "Succeeded", 0, "Completed");
            JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();

            assertThat(result.state()).isEqualTo(JobState.FAILED);
            assertThat(result.exitCode()).isZero();
            assertThat(result.reason()).isEqualTo(SparkVerdict.SPARK_JOB_FAILED);
            assertThat(result.message()).isEqualTo("The driver exited 0, but spark job 1 (write orders) failed in stage 1"
                    + " (save at Etl.scala:40): Job aborted due to stage failure: Task 3 in stage 1.0 failed 4 times, most"
                    + " recent failure: java.lang.IllegalStateException: bad row. The step fails on failed Spark jobs"
                    + " (failOnSparkJobFailure: true).");
            @SuppressWarnings("unchecked")
            Map<String, Object> spark = (Map<String, Object>) result.toMap().get("spark");
            assertThat(spark).containsEntry("coverage", "PARTIAL").containsEntry("finalSecondsObserved", false)
                    .containsEntry("jobs", Map.of("succeeded", 1, "running", 0, "failed", 1))
                    .containsEntry("failedJobId", 1).containsEntry("failedJobDescription", "write orders")
                    .containsEntry("failedStageId", 1)
                    .containsEntry("portForward", "kubectl port-forward -n spark pod/" + ref.podName() + " 4040:4040")
                    .containsEntry("uiAddress", "http://localhost:4040");
            assertThat((String) spark.get("note")).contains("final seconds were not observed",
                    "spark.eventLog.enabled is not true");
            assertThat(ui.requests.get()).as("every read reached the fake driver through the API server proxy")
                    .isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void withTheOptionOffAFailedSparkJobIsReportedButTheStepPasses() {
        try (FakeSparkUi ui = new FakeSparkUi(true)) {
            SparkJobBackend<SparkSubmitRequest> backend = insight(FAST.withFailOnSparkJobFailure(false), null, null);
            RecordingObserver observer = new RecordingObserver();
            DriverPodReference ref = (DriverPodReference) backend.submit(request("tolerate", Map.of()),
                    new SubmissionKey("job/tolerate#1"), observer);
            ui.exposeThrough(server, NS, ref.podName(), 4040);
            ui.job(0, "FAILED", "count at App.scala:9", null, new int[] {0}, 2, 0, 1);
            ui.stage(0, 0, "FAILED", "count at App.scala:9", 2, 0, 1, "boom");
            JobWatch watch = backend.watch(ref, NO_LOGS, observer);
            pods.running(ref.podName());
            await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.stream().anyMatch(l -> l.contains("1 failed")));
            pods.terminated(ref.podName(), "Succeeded", 0, "Completed");
            JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(result.spark().failedJobs()).isEqualTo(1);
            assertThat(result.explanation()).anyMatch(l -> l.contains("failOnSparkJobFailure is off"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsTheFinalSecondsFromTheEventLog(@TempDir Path dir) throws Exception {
        try (FakeSparkUi ui = new FakeSparkUi(false)) {
            SparkJobBackend<SparkSubmitRequest> backend = insight(FAST,
                    new EventLogReader(List.of(new LocalEventLogs())), null);
            RecordingObserver observer = new RecordingObserver();
            DriverPodReference ref = (DriverPodReference) backend.submit(request("late", Map.of(
                    "spark.eventLog.enabled", "true", "spark.eventLog.dir", dir.toUri().toString())),
                    new SubmissionKey("job/late#1"), observer);
            ui.exposeThrough(server, NS, ref.podName(), 4040);
            ui.job(0, "SUCCEEDED", "count at Late.scala:5", null, new int[] {0}, 2, 2, 0);
            ui.stage(0, 0, "COMPLETE", "count at Late.scala:5", 2, 2, 0, null);
            JobWatch watch = backend.watch(ref, NO_LOGS, observer);
            pods.running(ref.podName());
            await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.stream().anyMatch(l -> l.startsWith("Spark: jobs 1 done")));
            // the driver's last job failed after the last live read; only the event log saw it
            Files.writeString(dir.resolve(FakeSparkUi.APP_ID), EventLogs.twoJobsSecondFails());
            pods.terminated(ref.podName(), "Succeeded", 0, "Completed");
            JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(result.spark().coverage()).isEqualTo(SparkInsight.Coverage.COMPLETE);
            assertThat(result.spark().last().source()).isEqualTo(SparkSnapshot.Source.EVENT_LOG);
            assertThat(result.reason()).isEqualTo(SparkVerdict.SPARK_JOB_FAILED);
            assertThat(result.spark().last().failure().reason()).startsWith("Job aborted due to stage failure");
            assertThat(result.toMap().get("spark")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("finalSecondsObserved", true).doesNotContainKey("note");
        }
    }

    @Test
    void aForbiddenProxySaysSoOnceAndTheJobGoesOn() {
        SparkJobBackend<SparkSubmitRequest> backend = insight(FAST, null, null);
        RecordingObserver observer = new RecordingObserver();
        DriverPodReference ref = (DriverPodReference) backend.submit(request("forbidden", Map.of()),
                new SubmissionKey("job/forbidden#1"), observer);
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + ref.podName() + ":4040/proxy/api/v1/applications")
                .andReturn(403, Map.of("kind", "Status", "status", "Failure", "reason", "Forbidden", "code", 403,
                        "message", "pods \"" + ref.podName() + "\" is forbidden: User \"ci\" cannot get resource \"pods/proxy\""))
                .always();
        String service = ref.podName() + "-svc";
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/services/" + service + ":spark-ui/proxy/api/v1/applications")
                .andReturn(403, Map.of("kind", "Status", "status", "Failure", "reason", "Forbidden", "code", 403))
                .always();
        JobWatch watch = backend.watch(ref, NO_LOGS, observer);
        pods.running(ref.podName());
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.stream().anyMatch(l -> l.startsWith("Spark insight unavailable")));
        pods.terminated(ref.podName(), "Succeeded", 0, "Completed");
        JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(observer.diagnostics.stream().filter(l -> l.startsWith("Spark insight unavailable")))
                .containsExactly("Spark insight unavailable: the cluster refused to proxy to the driver's UI (403 Forbidden)"
                        + " and its Service " + service + " answered 403 Forbidden: these credentials need 'get' on pods/proxy"
                        + " or services/proxy in spark (see docs/setup.md). The job goes on.");
        assertThat(result.spark().coverage()).isEqualTo(SparkInsight.Coverage.UNAVAILABLE);
        assertThat(result.spark().note()).contains("403 Forbidden");
    }

    @Test
    void aForbiddenPodProxyFallsBackToTheDriverServicesProxy() throws Exception {
        try (FakeSparkUi ui = new FakeSparkUi(false)) {
            SparkJobBackend<SparkSubmitRequest> backend = insight(FAST, null, null);
            RecordingObserver observer = new RecordingObserver();
            DriverPodReference ref = (DriverPodReference) backend.submit(request("svcproxy", Map.of()),
                    new SubmissionKey("job/svcproxy#1"), observer);
            server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + ref.podName() + ":4040/proxy/api/v1/applications")
                    .andReturn(403, Map.of("kind", "Status", "status", "Failure", "reason", "Forbidden", "code", 403))
                    .always();
            // the Service this project's submitter created next to the pod, as spark-submit names it
            String service = client.services().inNamespace(NS).list().getItems().stream()
                    .map(s -> s.getMetadata().getName()).filter(n -> n.startsWith(ref.podName())).findFirst().orElseThrow();
            ui.exposeThroughService(server, NS, service);
            JobWatch watch = backend.watch(ref, NO_LOGS, observer);
            ui.job(0, "RUNNING", "reduce at SparkPi.scala:38", null, new int[] {0}, 10, 4, 0);
            ui.stage(0, 0, "ACTIVE", "reduce at SparkPi.scala:38", 10, 4, 0, null);
            pods.running(ref.podName());
            await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.stream()
                    .anyMatch(l -> l.startsWith("Spark: jobs 0 done, 1 running, 0 failed · stage 0")));
            pods.terminated(ref.podName(), "Succeeded", 0, "Completed");
            JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
            assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(observer.diagnostics).noneMatch(l -> l.startsWith("Spark insight unavailable"));
            assertThat(ui.requests.get()).as("the reads reached the driver through its Service").isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void aDriverWithoutUiIsNeverAskedAndAnUnreachableUiIsGivenUpOnAfterTheGrace() {
        SparkJobBackend<SparkSubmitRequest> backend = insight(FAST, null, Duration.ofSeconds(1));
        RecordingObserver noUi = new RecordingObserver();
        DriverPodReference off = (DriverPodReference) backend.submit(request("noui", Map.of("spark.ui.enabled", "false")),
                new SubmissionKey("job/noui#1"), noUi);
        JobWatch offWatch = backend.watch(off, NO_LOGS, noUi);
        assertThat(noUi.diagnostics.stream().filter(l -> l.startsWith("Spark"))).containsExactly(
                "Spark insight unavailable: the driver serves no Spark UI (spark.ui.enabled=false). The job goes on.");

        RecordingObserver silent = new RecordingObserver();
        DriverPodReference ref = (DriverPodReference) backend.submit(request("silent", Map.of()),
                new SubmissionKey("job/silent#1"), silent);
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + ref.podName() + ":4040/proxy/api/v1/applications")
                .andReturn(503, Map.of("kind", "Status", "code", 503, "message",
                        "error trying to reach service: dial tcp 10.0.0.7:4040: connect: connection refused"))
                .always();
        JobWatch watch = backend.watch(ref, NO_LOGS, silent);
        pods.running(ref.podName());
        await().atMost(15, TimeUnit.SECONDS).until(() -> silent.diagnostics.stream().anyMatch(l -> l.startsWith("Spark insight unavailable")));
        assertThat(silent.diagnostics).anyMatch(l -> l.contains("did not answer through the API server for 1s (HTTP 503)"));
        pods.terminated(ref.podName(), "Succeeded", 0, "Completed");
        pods.terminated(off.podName(), "Succeeded", 0, "Completed");
        assertThat(watch.result().orTimeout(20, TimeUnit.SECONDS).join().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(offWatch.result().orTimeout(20, TimeUnit.SECONDS).join().spark().note())
                .startsWith("the driver serves no Spark UI");
    }

    @Test
    void aStartingDriverIsAskedAtThePollIntervalSoAShortJobsProgressIsNotMissed() throws Exception {
        try (FakeSparkUi ui = new FakeSparkUi(false)) {
            ui.starting = true;
            SparkJobBackend<SparkSubmitRequest> backend = insight(FAST, null, Duration.ofSeconds(30));
            RecordingObserver observer = new RecordingObserver();
            DriverPodReference ref = (DriverPodReference) backend.submit(request("starting", Map.of()),
                    new SubmissionKey("job/starting#1"), observer);
            ui.exposeThrough(server, NS, ref.podName(), 4040);
            JobWatch watch = backend.watch(ref, NO_LOGS, observer);
            pods.running(ref.podName());
            await().atMost(10, TimeUnit.SECONDS).until(() -> ui.requests.get() > 0);
            Thread.sleep(4000);
            // doubling from 200 ms would have asked about 4 times in these 4 s; at the interval it is about 20
            assertThat(ui.requests.get()).as("reads while the UI was starting").isGreaterThanOrEqualTo(10);

            ui.starting = false;
            ui.job(0, "RUNNING", "count at Short.java:9", null, new int[] {0}, 4, 1, 0);
            ui.stage(0, 0, "ACTIVE", "count at Short.java:9", 4, 1, 0, null);
            await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.stream()
                    .anyMatch(l -> l.startsWith("Spark: jobs 0 done, 1 running")));
            pods.terminated(ref.podName(), "Succeeded", 0, "Completed");
            assertThat(watch.result().orTimeout(20, TimeUnit.SECONDS).join().state()).isEqualTo(JobState.SUCCEEDED);
        }
    }

    @Test
    void retriesAfterTheUiWasReachedDoubleUpToSixteenIntervals() {
        Duration poll = Duration.ofSeconds(2);
        assertThat(InsightSession.retryDelay(poll, 1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(InsightSession.retryDelay(poll, 3)).isEqualTo(Duration.ofSeconds(16));
        assertThat(InsightSession.retryDelay(poll, 9)).isEqualTo(Duration.ofSeconds(32));
        assertThat(InsightSession.retryDelay(Duration.ofSeconds(5), 9)).isEqualTo(InsightSession.MAX_BACKOFF);
    }

    @Test
    void turnedOffInsightIsTheBackendItselfAndReadsNothing() {
        assertThat(InsightBackend.wrap(plain, InsightOptions.OFF, InsightWiring.of(client, DriverPods.CLUSTER, machinery,
                null), SparkSubmitRequest::conf)).isSameAs(plain);
    }
}
