package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With cluster access, an EMR run's end is seen on its driver pod through the namespace's shared informer and
 * confirmed by one DescribeJobRun at once, instead of at the next poll; EMR's answer decides.
 */
@EnableKubernetesMockClient(crud = true)
class EmrDriverPodDetectionTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final ClusterCoordinates CLUSTER = ClusterCoordinates.server("https://mock.invalid");
    private static final String NAMESPACE = "spark"; // the emulated virtual cluster's namespace
    private static final WaitOptions NO_LOGS = WaitOptions.DEFAULT.withFollowLogs(false);

    private final EmulatedAws env = new EmulatedAws();
    private HttpServer forbidding;

    @AfterEach
    void close() {
        client.pods().inNamespace(NAMESPACE).delete(); // the emulator reuses job run ids from test to test
        env.close();
        if (forbidding != null) {
            forbidding.stop(0);
        }
    }

    /** Fast while starting; {@code running} between looks once it runs, so a prompt end cannot come from the poll. */
    private static EmrPollSettings polledEvery(Duration running) {
        EmrPollSettings fast = EmrPollSettings.fast();
        return new EmrPollSettings(fast.startingInterval(), running, fast.logInterval(), fast.backoff(),
                fast.maxPollFailures(), fast.logQuietPeriod(), fast.logMissingGrace(), fast.logDrainTimeout(), fast.cancelWait());
    }

    private EmrJobRunReference submit(EmrBackend backend, String name, RecordingObserver observer) {
        env.aws.script(name, JobScript.builder().running(Duration.ofSeconds(20)).build());
        return backend.submit(EmrBackendEmulatorTest.request(name).build(), new SubmissionKey(name), observer);
    }

    /** The driver pod as EMR on EKS labels it. */
    private static void driverPod(EmrJobRunReference ref, String phase) {
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(ref.driverPodName())
                .addToLabels(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)
                .addToLabels(EmrDriverPods.JOB_ID_LABEL, ref.jobRunId())
                .addToLabels(EmrDriverPods.COMPONENT_LABEL, "driver")
                .endMetadata()
                .withNewSpec().addNewContainer().withName(SparkLabels.DRIVER_CONTAINER).withImage("emr").endContainer().endSpec()
                .build()).create();
        phase(ref, phase);
    }

    private static void phase(EmrJobRunReference ref, String phase) {
        client.pods().inNamespace(NAMESPACE).withName(ref.driverPodName())
                .editStatus(p -> new PodBuilder(p).withNewStatus().withPhase(phase).endStatus().build());
    }

    /** Moves EMR past PENDING and SUBMITTED and waits until the watch saw RUNNING; later looks are the slow ones. */
    private void untilRunning(RecordingObserver observer) {
        env.aws.advance(Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(20)).until(() -> observer.states.contains(JobState.RUNNING));
    }

    @Test
    void theDriverPodsEndIsConfirmedByOneDescribeJobRunWithoutWaitingForThePoll() throws Exception {
        EmrWatchMachinery machinery = env.machinery(polledEvery(Duration.ofSeconds(60)));
        EmrBackend backend = env.backend(machinery).withClusterAccess(new EmrClusterAccess(client, CLUSTER));
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = submit(backend, "informed", observer);
        RecordingObserver neighbourObserver = new RecordingObserver();
        EmrJobRunReference other = submit(backend, "neighbour", neighbourObserver);
        driverPod(ref, "Running");
        driverPod(other, "Running");
        JobWatch watch = backend.watch(ref, NO_LOGS, observer);
        JobWatch neighbour = backend.watch(other, NO_LOGS, neighbourObserver);
        untilRunning(observer);
        // both seen running, so the poll slows to its minute; a neighbour still starting would be polled within it
        await().atMost(Duration.ofSeconds(20)).until(() -> neighbourObserver.states.contains(JobState.RUNNING));
        assertThat(machinery.activeDriverPodInformers()).as("one informer for the namespace, not one per run").isEqualTo(1);
        assertThat(machinery.driverPods().informersStarted()).isEqualTo(1);

        env.aws.advance(Duration.ofSeconds(30)); // EMR now says COMPLETED; the next poll is a minute away
        int describes = env.aws.calls(Operation.DESCRIBE_JOB_RUN);
        int lists = env.aws.calls(Operation.LIST_JOB_RUNS);
        long t0 = System.nanoTime();
        phase(ref, "Succeeded");

        JobResult result = watch.result().get(10, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        // far sooner than the minute-long poll; the bench measures the latency on a machine not shared with builds
        assertThat(millis).as("ended %d ms after the pod", millis).isLessThan(10_000);
        assertThat(env.aws.calls(Operation.DESCRIBE_JOB_RUN)).as("one DescribeJobRun, for that run only").isEqualTo(describes + 1);
        assertThat(env.aws.calls(Operation.LIST_JOB_RUNS)).as("no extra list round").isEqualTo(lists);
        assertThat(observer.diagnostics).noneMatch(d -> d.contains("polling EMR"));
        assertThat(neighbour.result()).isNotDone();
        neighbour.detach();
        await().atMost(Duration.ofSeconds(5)).until(() -> machinery.activeDriverPodInformers() == 0);
    }

    @Test
    void podsEndingTogetherAreConfirmedByListingTheEndedRunsNotOneDescribeEach() throws Exception {
        EmrWatchMachinery machinery = env.machinery(polledEvery(Duration.ofSeconds(60)));
        EmrBackend backend = env.backend(machinery).withClusterAccess(new EmrClusterAccess(client, CLUSTER));
        java.util.List<EmrJobRunReference> refs = new java.util.ArrayList<>();
        java.util.List<JobWatch> watches = new java.util.ArrayList<>();
        java.util.List<RecordingObserver> observers = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = "together-" + i;
            // the last run's pod ends too, but EMR keeps it RUNNING (an attempt EMR has not let go of yet)
            env.aws.script(name, JobScript.builder().running(Duration.ofSeconds(i == 5 ? 600 : 20)).build());
            RecordingObserver observer = new RecordingObserver();
            EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request(name).build(), new SubmissionKey(name),
                    observer);
            driverPod(ref, "Running");
            refs.add(ref);
            observers.add(observer);
            watches.add(backend.watch(ref, NO_LOGS, observer));
        }
        env.aws.advance(Duration.ofSeconds(4));
        await().atMost(Duration.ofSeconds(20)).until(() -> observers.stream().allMatch(o -> o.states.contains(JobState.RUNNING)));
        env.aws.advance(Duration.ofSeconds(30)); // five runs are COMPLETED in EMR, the sixth still RUNNING
        // a slow DescribeJobRun holds the poller while the other endings arrive, as a busy API would
        env.aws.faults().latency(Operation.DESCRIBE_JOB_RUN, Duration.ofMillis(500));
        int describes = env.aws.calls(Operation.DESCRIBE_JOB_RUN);
        int lists = env.aws.calls(Operation.LIST_JOB_RUNS);

        refs.forEach(ref -> phase(ref, "Succeeded"));

        for (int i = 0; i < 5; i++) {
            assertThat(watches.get(i).result().get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        }
        assertThat(env.aws.calls(Operation.DESCRIBE_JOB_RUN) - describes)
                .as("at most the first ending and the stuck run described alone").isLessThanOrEqualTo(2);
        assertThat(env.aws.calls(Operation.LIST_JOB_RUNS)).as("the rest confirmed by a list").isGreaterThan(lists);
        Thread.sleep(3000); // the stuck run's few extra looks
        assertThat(watches.get(5).result()).as("EMR still says RUNNING: no end from the pod alone").isNotDone();
        watches.get(5).detach();
    }

    @Test
    void aPodThatEndedIsOnlyAHintWhileEmrStillSaysRunning() throws Exception {
        // looks every 4 s once running: the fallback after the confirmations
        EmrWatchMachinery machinery = env.machinery(polledEvery(Duration.ofSeconds(4)));
        EmrBackend backend = env.backend(machinery).withClusterAccess(new EmrClusterAccess(client, CLUSTER));
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = submit(backend, "early", observer);
        driverPod(ref, "Running");
        JobWatch watch = backend.watch(ref, NO_LOGS, observer);
        untilRunning(observer);
        int describes = env.aws.calls(Operation.DESCRIBE_JOB_RUN);

        phase(ref, "Failed"); // EMR has not caught up: its run is still RUNNING

        int confirmations = 1 + JobRunPoller.CONFIRM_BACKOFF.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> env.aws.calls(Operation.DESCRIBE_JOB_RUN) == describes + confirmations);
        Thread.sleep(1_000);
        assertThat(env.aws.calls(Operation.DESCRIBE_JOB_RUN)).as("a few looks, then the poll").isEqualTo(describes + confirmations);
        assertThat(watch.result()).as("the API decides, not the pod").isNotDone();
        assertThat(observer.states).doesNotContain(JobState.FAILED, JobState.SUCCEEDED);

        env.aws.advance(Duration.ofSeconds(30)); // now EMR has ended it; the regular poll finds that
        assertThat(watch.result().get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void withoutPermissionToWatchPodsTheRunSaysSoOnceAndIsPolled() throws Exception {
        forbidding = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        forbidding.createContext("/", exchange -> {
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                    + "\"message\":\"pods is forbidden\",\"code\":403}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        forbidding.start();
        try (KubernetesClient forbidden = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + forbidding.getAddress().getPort()).withRequestRetryBackoffLimit(0).build()).build()) {
            EmrWatchMachinery machinery = env.machinery(EmrPollSettings.fast());
            EmrBackend backend = env.backend(machinery).withClusterAccess(new EmrClusterAccess(forbidden, CLUSTER));
            RecordingObserver observer = new RecordingObserver();
            EmrJobRunReference ref = submit(backend, "forbidden", observer);
            JobWatch watch = backend.watch(ref, NO_LOGS, observer);
            env.advanceUntilDone(watch.result());

            assertThat(watch.result().get().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(observer.diagnostics.stream().filter(d -> d.contains("Driver pods cannot be watched"))).singleElement()
                    .satisfies(d -> assertThat(d).contains("HTTP 403").contains("polling EMR every 60 ms"));
            assertThat(machinery.activeDriverPodInformers()).isZero();
        }
    }

    @Test
    void aResumedWatchFollowsTheDriverPodThroughTheNewProcesssInformer() throws Exception {
        EmrBackend first = env.backend(env.machinery(polledEvery(Duration.ofSeconds(60))))
                .withClusterAccess(new EmrClusterAccess(client, CLUSTER));
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = submit(first, "resumed", observer);
        driverPod(ref, "Running");
        JobWatch before = first.watch(ref, NO_LOGS, observer);
        untilRunning(observer);
        before.detach(); // a controller restart

        EmrWatchMachinery machinery = env.machinery(polledEvery(Duration.ofSeconds(60)));
        EmrBackend second = env.backend(machinery).withClusterAccess(new EmrClusterAccess(client, CLUSTER));
        RecordingObserver resumed = new RecordingObserver();
        JobWatch after = second.watch(before.reference(), NO_LOGS, resumed);
        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.states.contains(JobState.RUNNING));
        assertThat(machinery.activeDriverPodInformers()).isEqualTo(1);

        env.aws.advance(Duration.ofSeconds(30));
        int describes = env.aws.calls(Operation.DESCRIBE_JOB_RUN);
        client.pods().inNamespace(NAMESPACE).withName(ref.driverPodName()).delete(); // gone rather than Succeeded

        try {
            after.result().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not done; heard: " + resumed.transcript() + ", describes "
                    + (env.aws.calls(Operation.DESCRIBE_JOB_RUN) - describes));
        }
        assertThat(after.result().get().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(env.aws.calls(Operation.DESCRIBE_JOB_RUN)).isEqualTo(describes + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> machinery.activeDriverPodInformers() == 0);
    }
}
