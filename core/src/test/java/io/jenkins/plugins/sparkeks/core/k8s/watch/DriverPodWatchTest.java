package io.jenkins.plugins.sparkeks.core.k8s.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import io.jenkins.plugins.sparkeks.core.k8s.logs.PodLogPosition;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DriverPodWatchTest {

    static KubernetesMockServer server;
    static KubernetesClient mockClient;

    static final String NS = "jobs";
    static final LogFollowPolicy FAST = new LogFollowPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 3, Duration.ofSeconds(10));
    static final WaitOptions KEEP_ON_FAILURE = WaitOptions.DEFAULT;
    static FakeLogServer logServer;
    static KubernetesClient client;
    static ScheduledExecutorService scheduler;
    static DriverInformerRegistry informers;
    static WatchMachinery machinery;
    static DriverPods pods;

    @BeforeAll
    static void setUp() throws Exception {
        logServer = new FakeLogServer();
        client = clientWithLogs();
        scheduler = Executors.newScheduledThreadPool(2);
        informers = new DriverInformerRegistry(scheduler);
        machinery = new WatchMachinery(informers, scheduler, FAST);
        pods = new DriverPods(client, NS);
    }

    static KubernetesClient clientWithLogs() {
        return server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("logs", logServer.interceptor())));
    }

    @AfterAll
    static void tearDown() {
        informers.close();
        scheduler.shutdownNow();
        client.close();
        logServer.close();
    }

    private static DriverPodWatch watch(DriverPodReference ref, WaitOptions options, RecordingObserver observer) {
        return DriverPodWatch.start(client, ref, options, observer, machinery);
    }

    private static JobResult awaitResult(DriverPodWatch watch) {
        await().atMost(20, TimeUnit.SECONDS).until(() -> watch.result().isDone());
        return watch.result().join();
    }

    private static void writeLines(FakeLogServer.PodLog log, int from, int to) {
        Instant base = Instant.parse("2026-11-21T12:00:00Z");
        IntStream.range(from, to).forEach(i -> log.line(base.plusMillis(i), "driver line " + i));
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "driver line " + i).collect(Collectors.toList());
    }

    @Test
    void successIsJudgedFromTheDriverAfterTheWholeLogAndTheFinishedPodIsDeleted() {
        DriverPodReference ref = pods.create("ok-driver");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = watch(ref, KEEP_ON_FAILURE, observer);
        FakeLogServer.PodLog log = logServer.pod(NS, "ok-driver");
        pods.running("ok-driver");
        writeLines(log, 0, 10);
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.logTexts.size() == 10);
        assertThat(watch.status()).isEqualTo("driver pod jobs/ok-driver Running");
        writeLines(log, 10, 25);
        pods.terminated("ok-driver", "Succeeded", 0, "Completed");
        log.finish();

        JobResult result = awaitResult(watch);
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(result.success()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.reason()).isEqualTo("Completed");
        assertThat(result.nativeState()).isEqualTo("Succeeded");
        assertThat(result.sparkAppId()).isEqualTo("spark-ok-driver");
        assertThat(result.namespace()).isEqualTo(NS);
        assertThat(result.driverPod()).isEqualTo("ok-driver");
        assertThat(result.startedAt()).isNotNull();
        assertThat(result.finishedAt()).isNotNull();
        assertThat(result.explanation()).isEmpty();
        assertThat(observer.logTexts).as("every line once, in order, before the result").containsExactlyElementsOf(lines(0, 25));
        assertThat(observer.states).contains(JobState.RUNNING).last().isEqualTo(JobState.SUCCEEDED);
        assertThat(pods.get("ok-driver")).as("KEEP_ON_FAILURE deletes a successful driver").isNull();
        assertThat(watch.reference().logCursor().position(PodLogPosition.SOURCE)).startsWith("2026-11-21T12:00:00.024Z|");
    }

    @Test
    void aFailedDriverIsExplainedByItsLastLogLinesAndKept() {
        DriverPodReference ref = pods.create("fail-driver");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = watch(ref, KEEP_ON_FAILURE, observer);
        FakeLogServer.PodLog log = logServer.pod(NS, "fail-driver");
        pods.running("fail-driver");
        writeLines(log, 0, 80);
        log.finish();
        pods.terminated("fail-driver", "Failed", 1, "Error");

        JobResult result = awaitResult(watch);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.success()).isFalse();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.reason()).isEqualTo("Error");
        assertThat(result.explanation()).first().asString().contains("exit code 1");
        assertThat(result.explanation()).contains("Last 50 driver log lines:", "  driver line 79").doesNotContain("  driver line 29");
        assertThat(observer.logTexts).hasSize(80);
        assertThat(pods.get("fail-driver")).as("KEEP_ON_FAILURE keeps a failed driver").isNotNull();
    }

    @Test
    void phaseSucceededWithANonZeroDriverExitIsAFailure() {
        DriverPodReference ref = pods.create("lying-driver");
        DriverPodWatch watch = watch(ref, KEEP_ON_FAILURE.withFollowLogs(false), new RecordingObserver());
        pods.terminated("lying-driver", "Succeeded", 3, "Error");
        JobResult result = awaitResult(watch);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.message()).contains("although the pod phase is Succeeded");
    }

    @Test
    void oomKilledAndEvictedDriversFailWithTheirReason() {
        DriverPodReference oom = pods.create("oom-driver");
        DriverPodReference evicted = pods.create("evicted-driver");
        DriverPodWatch oomWatch = watch(oom, KEEP_ON_FAILURE.withFollowLogs(false), new RecordingObserver());
        DriverPodWatch evictedWatch = watch(evicted, KEEP_ON_FAILURE.withFollowLogs(false), new RecordingObserver());
        pods.terminated("oom-driver", "Failed", 137, "OOMKilled");
        pods.status("evicted-driver", new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.").build());

        JobResult oomResult = awaitResult(oomWatch);
        assertThat(oomResult.reason()).isEqualTo("OOMKilled");
        assertThat(oomResult.exitCode()).isEqualTo(137);
        JobResult evictedResult = awaitResult(evictedWatch);
        assertThat(evictedResult.state()).isEqualTo(JobState.FAILED);
        assertThat(evictedResult.reason()).isEqualTo("Evicted");
        assertThat(evictedResult.message()).contains("low on resource");
    }

    @Test
    void aDriverPodDeletedBySomeoneElseFailsTheJob() {
        DriverPodReference ref = pods.create("deleted-driver");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = watch(ref, KEEP_ON_FAILURE.withFollowLogs(false), observer);
        pods.running("deleted-driver");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.RUNNING));
        pods.delete("deleted-driver");

        JobResult result = awaitResult(watch);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("DriverPodDeleted");
        assertThat(result.message()).contains("deleted by someone else");
    }

    @Test
    void startTimeoutCancelsADriverStuckInImagePullBackOffAndReportsEachEventOnce() {
        DriverPodReference ref = pods.create("pull-driver");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = watch(ref, KEEP_ON_FAILURE.withStartTimeout(Duration.ofSeconds(3)), observer);
        pods.pendingWaiting("pull-driver", "ErrImagePull", "rpc error: pull access denied for no/such");
        pods.event("pull-driver", "Warning", "Failed", "Failed to pull image \"no/such\": pull access denied");
        pods.pendingWaiting("pull-driver", "ImagePullBackOff", "Back-off pulling image \"no/such\"");
        pods.event("pull-driver", "Normal", "BackOff", "Back-off pulling image \"no/such\"");
        pods.event("pull-driver", "Normal", "BackOff", "Back-off pulling image \"no/such\"");
        await().atMost(10, TimeUnit.SECONDS).until(() -> watch.status().contains("ImagePullBackOff"));
        assertThat(watch.status()).isEqualTo("driver pod jobs/pull-driver Pending: ImagePullBackOff");

        JobResult result = awaitResult(watch);
        assertThat(result.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(result.reason()).isEqualTo("StartTimeout");
        assertThat(result.message()).contains("did not start within 3s").contains("ImagePullBackOff");
        assertThat(pods.get("pull-driver")).isNull();
        assertThat(observer.diagnostics).containsOnlyOnce(
                "Pod event: Warning Failed: Failed to pull image \"no/such\": pull access denied",
                "Pod event: Normal BackOff: Back-off pulling image \"no/such\"",
                "Driver container waiting: ImagePullBackOff: Back-off pulling image \"no/such\"",
                "Driver container waiting: ErrImagePull: rpc error: pull access denied for no/such");
        assertThat(result.explanation()).contains("Pod events:");
        assertThat(observer.states).contains(JobState.PENDING, JobState.CANCELLING).last().isEqualTo(JobState.TIMED_OUT);
    }

    @Test
    void runTimeoutCancelsARunningDriver() {
        DriverPodReference ref = pods.create("slow-driver");
        DriverPodWatch watch = watch(ref, KEEP_ON_FAILURE.withFollowLogs(false).withRunTimeout(Duration.ofSeconds(2)),
                new RecordingObserver());
        pods.running("slow-driver");
        JobResult result = awaitResult(watch);
        assertThat(result.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(result.reason()).isEqualTo("RunTimeout");
        assertThat(pods.get("slow-driver")).isNull();
    }

    @Test
    void cancelDeletesTheDriverAndCompletesCancelled() {
        DriverPodReference ref = pods.create("cancel-driver");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = watch(ref, KEEP_ON_FAILURE.withFollowLogs(false).withCancelGracePeriod(Duration.ofSeconds(5)), observer);
        pods.running("cancel-driver");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.RUNNING));

        JobResult result = watch.cancel("build aborted").orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(result.state()).isEqualTo(JobState.CANCELLED);
        assertThat(result.message()).contains("build aborted");
        assertThat(pods.get("cancel-driver")).isNull();
        assertThat(observer.states).containsSubsequence(JobState.RUNNING, JobState.CANCELLING, JobState.CANCELLED);
        assertThat(watch.cancel("again").join()).isSameAs(result);
    }

    @Test
    void retentionDeleteRemovesAFailedDriverAndKeepLeavesASuccessfulOne() {
        DriverPodReference failed = pods.create("delete-failed-driver");
        DriverPodReference ok = pods.create("keep-ok-driver");
        DriverPodWatch deleting = watch(failed, KEEP_ON_FAILURE.withFollowLogs(false).withRetention(Retention.DELETE), new RecordingObserver());
        DriverPodWatch keeping = watch(ok, KEEP_ON_FAILURE.withFollowLogs(false).withRetention(Retention.KEEP), new RecordingObserver());
        pods.terminated("delete-failed-driver", "Failed", 1, "Error");
        pods.terminated("keep-ok-driver", "Succeeded", 0, "Completed");
        assertThat(awaitResult(deleting).state()).isEqualTo(JobState.FAILED);
        assertThat(awaitResult(keeping).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(pods.get("delete-failed-driver")).isNull();
        assertThat(pods.get("keep-ok-driver")).isNotNull();
    }

    @Test
    void resumingInAFreshProcessRepeatsNoLogLine() throws Exception {
        DriverPodReference ref = pods.create("resume-driver");
        RecordingObserver before = new RecordingObserver();
        DriverPodWatch first = watch(ref, KEEP_ON_FAILURE, before);
        FakeLogServer.PodLog log = logServer.pod(NS, "resume-driver");
        pods.running("resume-driver");
        writeLines(log, 0, 40);
        await().atMost(10, TimeUnit.SECONDS).until(() -> before.logTexts.size() == 40);
        byte[] saved = serialise(first.reference());
        first.detach();
        assertThat(first.result()).isCompletedExceptionally();
        writeLines(log, 40, 60);

        ScheduledExecutorService otherScheduler = Executors.newScheduledThreadPool(2);
        try (KubernetesClient fresh = clientWithLogs();
                DriverInformerRegistry otherInformers = new DriverInformerRegistry(otherScheduler)) {
            RecordingObserver after = new RecordingObserver();
            DriverPodWatch second = DriverPodWatch.start(fresh, (DriverPodReference) deserialise(saved), KEEP_ON_FAILURE, after,
                    new WatchMachinery(otherInformers, otherScheduler, FAST));
            writeLines(log, 60, 70);
            log.finish();
            pods.terminated("resume-driver", "Succeeded", 0, "Completed");
            assertThat(awaitResult(second).state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(after.logTexts).containsExactlyElementsOf(lines(40, 70));
        } finally {
            otherScheduler.shutdownNow();
        }
    }

    @Test
    void resumingRefusesAPodRecreatedUnderTheSameName() {
        DriverPodReference ref = pods.create("replaced-driver");
        DriverPodReference stale = new DriverPodReference(ref.cluster(), NS, "replaced-driver", "uid-of-an-older-pod", null, null, null);
        DriverPodWatch watch = watch(stale, KEEP_ON_FAILURE, new RecordingObserver());
        await().atMost(10, TimeUnit.SECONDS).until(() -> watch.result().isDone());
        assertThat(watch.result()).isCompletedExceptionally();
        try {
            watch.result().join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(JobException.class)
                    .hasMessageContaining("Refusing to follow driver pod jobs:replaced-driver")
                    .hasMessageContaining("uid-of-an-older-pod");
        }
        assertThat(pods.get("replaced-driver")).as("someone else's pod is left alone").isNotNull();
    }

    @Test
    void resumingAJobWhosePodIsGoneReportsItsOutcomeUnknownNotAFailure() {
        // e.g. the controller was down while the job ended and retention removed the pod
        DriverPodReference ref = new DriverPodReference(DriverPods.CLUSTER, NS, "vanished-driver", "some-uid", null, null, null);
        JobResult result = awaitResult(watch(ref, KEEP_ON_FAILURE, new RecordingObserver()));
        assertThat(result.state()).isEqualTo(JobState.UNKNOWN);
        assertThat(result.reason()).isEqualTo("DriverPodGone");
        assertThat(result.success()).isFalse();
    }

    private static byte[] serialise(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
