package io.jenkins.plugins.sparkeks.core.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.logs.PodLogPosition;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.FakeLogServer;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SparkOperatorBackendTest {

    static KubernetesMockServer server;
    static KubernetesClient mockClient;

    static final String NS = "spark";
    static FakeLogServer logServer;
    static KubernetesClient client;
    static ScheduledExecutorService scheduler;
    static WatchMachinery machinery;
    static SparkApplicationInformers informers;
    static SparkOperatorBackend backend;
    static FakeSparkOperator operator;

    @BeforeAll
    static void setUp() throws Exception {
        logServer = new FakeLogServer();
        client = server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("logs", logServer.interceptor())));
        scheduler = Executors.newScheduledThreadPool(2);
        machinery = WatchMachinery.of(new DriverInformerRegistry(scheduler), scheduler);
        informers = new SparkApplicationInformers(scheduler);
        backend = new SparkOperatorBackend(client, DriverPods.CLUSTER, informers, machinery);
        operator = new FakeSparkOperator(client, NS);
    }

    @AfterAll
    static void tearDown() {
        informers.close();
        scheduler.shutdownNow();
        client.close();
        logServer.close();
    }

    static SparkSubmitRequest request(String name) {
        return SparkSubmitRequest.builder(name).namespace(NS).image("apache/spark:3.5.6")
                .mainClass("org.apache.spark.examples.SparkPi").primaryResource("local:///opt/spark/examples/jars/spark-examples.jar")
                .build();
    }

    static JobResult resultOf(JobWatch watch) {
        return watch.result().orTimeout(20, TimeUnit.SECONDS).join();
    }

    @Test
    void followsTheApplicationAndItsDriverLogToSuccess() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = backend.submit(request("op-pi"), new SubmissionKey("job/op-pi#1"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        FakeLogServer.PodLog log = logServer.pod(NS, ref.driverPodName());
        operator.running(ref.name());
        log.line(Instant.parse("2026-11-21T12:00:00Z"), "Pi is roughly 3.14");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.logTexts.contains("Pi is roughly 3.14"));
        assertThat(backend.describe(ref).state()).isEqualTo(JobState.RUNNING);

        log.finish();
        operator.driverExited(ref.name(), "Succeeded", 0, "Completed");
        operator.state(ref.name(), "SUCCEEDING", null);
        operator.state(ref.name(), "COMPLETED", null);

        JobResult result = resultOf(watch);
        assertThat(result.backend()).isEqualTo(Backend.SPARK_OPERATOR);
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(result.success()).isTrue();
        assertThat(result.nativeState()).isEqualTo("COMPLETED");
        assertThat(result.sparkAppId()).isEqualTo("spark-" + ref.name());
        assertThat(result.driverPod()).isEqualTo(ref.driverPodName());
        assertThat(result.exitCode()).isZero();
        assertThat(observer.logTexts).containsExactly("Pi is roughly 3.14");
        assertThat(operator.get(ref.name())).as("KEEP_ON_FAILURE deletes a succeeded application").isNull();
    }

    @Test
    void aFailedApplicationReportsTheOperatorsErrorAndTheDriverExitCode() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = backend.submit(request("op-fail"), new SubmissionKey("job/op-fail#1"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        operator.running(ref.name());
        operator.driverExited(ref.name(), "Failed", 1, "Error");
        operator.state(ref.name(), "FAILING", null);
        operator.state(ref.name(), "PENDING_RERUN", null);
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.PENDING));
        assertThat(watch.result()).as("FAILING and PENDING_RERUN are not terminal").isNotDone();

        operator.state(ref.name(), "FAILED", "driver container failed with ExitCode: 1, Reason: Error");
        JobResult result = resultOf(watch);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.nativeState()).isEqualTo("FAILED");
        assertThat(result.message()).contains("driver container failed with ExitCode: 1, Reason: Error");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.reason()).isEqualTo("Error");
        assertThat(result.explanation()).isNotEmpty();
        assertThat(operator.get(ref.name())).as("KEEP_ON_FAILURE keeps a failed application").isNotNull();
    }

    @Test
    void aSubmissionThatFailsEndsWithTheOperatorsErrorAndNoDriver() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = backend.submit(request("op-nosubmit"), new SubmissionKey("job/op-nosubmit#1"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        operator.stateWithoutDriver(ref.name(), "SUBMISSION_FAILED", "failed to run spark-submit: bad image");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.PENDING));
        assertThat(watch.result()).as("the operator may still retry the submission").isNotDone();

        operator.stateWithoutDriver(ref.name(), "FAILED", "failed to run spark-submit: bad image");
        JobResult result = resultOf(watch);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("ApplicationFailed");
        assertThat(result.message()).contains("bad image");
        assertThat(result.exitCode()).isNull();
        assertThat(result.sparkAppId()).isNull();
        assertThat(observer.logTexts).isEmpty();
    }

    @Test
    void aSuspendedApplicationIsAPauseNotAnEnd() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = backend.submit(request("op-suspend"), new SubmissionKey("job/op-suspend#1"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        operator.running(ref.name());
        operator.state(ref.name(), "SUSPENDING", null);
        operator.pods().delete(ref.driverPodName());
        operator.stateWithoutDriver(ref.name(), "SUSPENDED", null);
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.stateDetails.stream()
                .anyMatch(d -> d.contains("is suspended") && d.contains("resumes when spec.suspend is set to false")));
        assertThat(watch.status()).contains("SUSPENDED");
        assertThat(backend.describe(ref).state()).isEqualTo(JobState.PENDING);
        assertThat(watch.result()).as("a suspended application may be resumed").isNotDone();

        operator.stateWithoutDriver(ref.name(), "RESUMING", null);
        operator.running(ref.name());
        operator.driverExited(ref.name(), "Succeeded", 0, "Completed");
        operator.state(ref.name(), "COMPLETED", null);
        JobResult result = resultOf(watch);
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(observer.stateDetails).anyMatch(d -> d.contains("resuming"));
    }

    @Test
    void afterAResumeTheRecreatedDriversLogIsFollowedFromItsStart() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = backend.submit(request("op-relog"), new SubmissionKey("job/op-relog#1"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        FakeLogServer.PodLog first = logServer.pod(NS, ref.driverPodName());
        operator.running(ref.name());
        first.line(Instant.parse("2026-12-04T10:00:00Z"), "old driver: stage 1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.logTexts.contains("old driver: stage 1"));

        operator.state(ref.name(), "SUSPENDING", null);
        first.finish();
        operator.pods().delete(ref.driverPodName());
        logServer.gone(NS, ref.driverPodName());
        operator.stateWithoutDriver(ref.name(), "SUSPENDED", null);
        await().atMost(10, TimeUnit.SECONDS).until(() -> watch.status().contains("SUSPENDED"));
        assertThat(PodLogPosition.from(((SparkApplicationReference) watch.reference()).logCursor()))
                .as("a watch resumed now reads the next driver from its start").isNull();
        operator.stateWithoutDriver(ref.name(), "RESUMING", null);
        // the recreated driver has the same name but is another pod, with a log of its own from its first line; its
        // node's clock is behind the old one's, so a position in the old log must not skip the new one's lines
        FakeLogServer.PodLog second = logServer.pod(NS, ref.driverPodName());
        second.line(Instant.parse("2026-12-04T09:59:58Z"), "new driver: stage 1");
        second.line(Instant.parse("2026-12-04T09:59:59Z"), "new driver: stage 2");
        operator.running(ref.name());
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.logTexts.contains("new driver: stage 2"));

        second.finish();
        operator.driverExited(ref.name(), "Succeeded", 0, "Completed");
        operator.state(ref.name(), "COMPLETED", null);
        assertThat(resultOf(watch).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(observer.logTexts).containsExactly("old driver: stage 1", "new driver: stage 1", "new driver: stage 2");
    }

    @Test
    void cancelDeletesTheApplication() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = backend.submit(request("op-cancel"), new SubmissionKey("job/op-cancel#1"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        operator.running(ref.name());
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.RUNNING));

        JobResult result = watch.cancel("aborted by user").orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(result.state()).isEqualTo(JobState.CANCELLED);
        assertThat(result.message()).contains("aborted by user");
        assertThat(operator.get(ref.name())).isNull();
        assertThat(backend.cancel(ref, Duration.ZERO).reason()).isEqualTo("SparkApplicationGone");
    }

    @Test
    void aFreshBackendResumesFromTheReferenceWithoutSubmittingAgain() {
        RecordingObserver first = new RecordingObserver();
        SubmissionKey key = new SubmissionKey("job/op-resume#1");
        SparkApplicationReference ref = backend.submit(request("op-resume"), key, first);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, first);
        FakeLogServer.PodLog log = logServer.pod(NS, ref.driverPodName());
        operator.running(ref.name());
        log.line(Instant.parse("2026-11-21T12:00:00Z"), "before restart");
        await().atMost(10, TimeUnit.SECONDS).until(() -> first.logTexts.contains("before restart"));
        SparkApplicationReference saved = (SparkApplicationReference) watch.reference();
        watch.detach();
        assertThat(watch.result()).isCompletedExceptionally();
        assertThat(watch.result().handle((r, e) -> e instanceof CancellationException
                || e instanceof CompletionException && e.getCause() instanceof CancellationException).join()).isTrue();

        ScheduledExecutorService otherScheduler = Executors.newScheduledThreadPool(1);
        try (SparkApplicationInformers otherInformers = new SparkApplicationInformers(otherScheduler)) {
            SparkOperatorBackend fresh = new SparkOperatorBackend(client, DriverPods.CLUSTER, otherInformers,
                    WatchMachinery.of(new DriverInformerRegistry(otherScheduler), otherScheduler));
            assertThat(fresh.submit(request("op-resume"), key, new RecordingObserver()).uid())
                    .as("the same key finds the same application").isEqualTo(ref.uid());
            RecordingObserver second = new RecordingObserver();
            JobWatch resumed = fresh.watch(saved, WaitOptions.DEFAULT, second);
            log.line(Instant.parse("2026-11-21T12:00:01Z"), "after restart");
            log.finish();
            operator.driverExited(ref.name(), "Succeeded", 0, "Completed");
            operator.state(ref.name(), "COMPLETED", null);

            JobResult result = resultOf(resumed);
            assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(second.logTexts).containsExactly("after restart");
        } finally {
            otherScheduler.shutdownNow();
        }
    }

    @Test
    void anApplicationThatNeverStartsTimesOutAndIsDeleted() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = backend.submit(request("op-slow"), new SubmissionKey("job/op-slow#1"), observer);
        operator.state(ref.name(), "SUBMITTED", null);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(1)), observer);

        JobResult result = resultOf(watch);
        assertThat(result.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(result.reason()).isEqualTo("StartTimeout");
        assertThat(result.nativeState()).isEqualTo("SUBMITTED");
        assertThat(operator.get(ref.name())).isNull();
    }

    @Test
    void jobsInOneNamespaceShareOneInformer() {
        ScheduledExecutorService own = Executors.newScheduledThreadPool(1);
        try (SparkApplicationInformers shared = new SparkApplicationInformers(own)) {
            SparkOperatorBackend b = new SparkOperatorBackend(client, DriverPods.CLUSTER, shared, machinery);
            SparkApplicationReference one = b.submit(request("op-one"), new SubmissionKey("job/op-one#1"), new RecordingObserver());
            SparkApplicationReference two = b.submit(request("op-two"), new SubmissionKey("job/op-two#1"), new RecordingObserver());
            WaitOptions quiet = WaitOptions.DEFAULT.withFollowLogs(false).withRetention(Retention.KEEP);
            JobWatch w1 = b.watch(one, quiet, new RecordingObserver());
            JobWatch w2 = b.watch(two, quiet, new RecordingObserver());
            assertThat(shared.informersStarted()).isEqualTo(1);
            assertThat(shared.activeInformers()).isEqualTo(1);

            operator.running(one.name());
            operator.running(two.name());
            operator.state(one.name(), "COMPLETED", null);
            operator.state(two.name(), "FAILED", "boom");
            assertThat(resultOf(w1).state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(resultOf(w2).state()).isEqualTo(JobState.FAILED);
            assertThat(shared.activeInformers()).as("the last job leaving stops the informer").isZero();
            assertThat(shared.informersStarted()).isEqualTo(1);
        } finally {
            own.shutdownNow();
        }
    }
}
