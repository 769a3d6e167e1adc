package io.jenkins.plugins.sparkeks.core.k8s.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every failure and timeout names its cause, through the real watch on the CRUD mock API server: an init container
 * that failed, a pod removed before its driver ran (eviction or pod garbage collection, told apart by its
 * DisruptionTarget condition), and a start timeout while the pod keeps failing to mount a volume.
 */
@EnableKubernetesMockClient(crud = true)
class FailureCausesTest {

    static KubernetesClient client;

    static final String NS = "causes";
    static final LogFollowPolicy FAST = new LogFollowPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 3, Duration.ofSeconds(5));
    static final WaitOptions NO_LOGS = WaitOptions.DEFAULT.withFollowLogs(false);
    static ScheduledExecutorService scheduler;
    static DriverInformerRegistry informers;
    static WatchMachinery machinery;
    static DriverPods pods;

    @BeforeAll
    static void setUp() {
        scheduler = Executors.newScheduledThreadPool(2);
        informers = new DriverInformerRegistry(scheduler);
        machinery = new WatchMachinery(informers, scheduler, FAST);
        pods = new DriverPods(client, NS);
    }

    @AfterAll
    static void tearDown() {
        informers.close();
        scheduler.shutdownNow();
    }

    private static JobResult awaitResult(DriverPodWatch watch) {
        await().atMost(30, TimeUnit.SECONDS).until(() -> watch.result().isDone());
        return watch.result().join();
    }

    @Test
    void aFailedInitContainerIsNamedWithItsExitCodeAndReason() {
        DriverPodReference ref = pods.create("init-driver");
        pods.status("init-driver", new PodStatusBuilder().withPhase("Failed")
                .addToInitContainerStatuses(new ContainerStatusBuilder().withName("fetch-deps").withImage("aws-cli:2")
                        .withNewState().withNewTerminated().withExitCode(2).withReason("Error")
                        .withMessage("fatal error: An error occurred (404) when calling the HeadObject operation: Not Found")
                        .endTerminated().endState().build())
                .addToContainerStatuses(new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withImage("spark:3.5.6")
                        .withNewState().withNewWaiting().withReason("PodInitializing").endWaiting().endState().build())
                .build());

        // the pod is as it ended before the watch starts, so the informer's first list holds it
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, NO_LOGS, observer, machinery);

        JobResult result = awaitResult(watch);
        observer.print("InitContainerFailed");
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("InitContainerFailed");
        assertThat(result.exitCode()).as("the driver container never ran").isNull();
        assertThat(result.message()).isEqualTo("The driver never started: its init container 'fetch-deps' failed with exit code 2"
                + " (Error): fatal error: An error occurred (404) when calling the HeadObject operation: Not Found");
    }

    @Test
    void aPodGarbageCollectedBeforeItsDriverStartedSaysSo() {
        DriverPodReference ref = pods.create("gc-driver");
        pods.status("gc-driver", new PodStatusBuilder().withPhase("Failed")
                .addNewCondition().withType("DisruptionTarget").withStatus("True").withReason("DeletionByPodGC")
                .withMessage("PodGC: node no longer exists").endCondition()
                .build());

        // the pod is as it ended before the watch starts, so the informer's first list holds it
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, NO_LOGS, observer, machinery);

        JobResult result = awaitResult(watch);
        observer.print("DeletionByPodGC");
        assertThat(result.reason()).isEqualTo("DeletionByPodGC");
        assertThat(result.message()).isEqualTo("The driver pod ended before its driver started (DeletionByPodGC): it was"
                + " garbage-collected by Kubernetes because its node no longer exists (DeletionByPodGC): PodGC: node no longer exists");
    }

    @Test
    void anEvictionBeforeTheDriverStartedIsToldApartFromGarbageCollection() {
        DriverPodReference ref = pods.create("evicted-driver");
        pods.status("evicted-driver", new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: ephemeral-storage.")
                .addNewCondition().withType("DisruptionTarget").withStatus("True").withReason("TerminationByKubelet")
                .withMessage("The node was low on resource: ephemeral-storage.").endCondition()
                .build());

        // the pod is as it ended before the watch starts, so the informer's first list holds it
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, NO_LOGS, observer, machinery);

        JobResult result = awaitResult(watch);
        observer.print("Evicted before start");
        assertThat(result.reason()).isEqualTo("Evicted");
        assertThat(result.message()).isEqualTo("The driver pod ended before its driver started (Evicted): it was terminated by"
                + " the kubelet (node-pressure eviction or node shutdown) (TerminationByKubelet): The node was low on resource:"
                + " ephemeral-storage.");
    }

    @Test
    void aStartTimeoutWhileTheVolumeNeverMountsNamesTheLastWarning() {
        DriverPodReference ref = pods.create("mount-driver");
        pods.pendingWaiting("mount-driver", "ContainerCreating", null);
        pods.event("mount-driver", "Normal", "Scheduled", "Successfully assigned causes/mount-driver to ip-10-0-7-1.ec2.internal");
        pods.event("mount-driver", "Warning", "FailedMount", "MountVolume.SetUp failed for volume \"spark-conf-volume-driver\" :"
                + " configmap \"spark-drv-conf-map\" not found");
        // pod and events exist before the watch starts, so the informers' first lists hold them
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, NO_LOGS.withStartTimeout(Duration.ofSeconds(15)), observer, machinery);
        await().atMost(15, TimeUnit.SECONDS).until(() -> observer.diagnostics.stream().anyMatch(d -> d.contains("FailedMount")));

        JobResult result = awaitResult(watch);
        observer.print("StartTimeout with a failing mount");
        assertThat(result.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(result.reason()).isEqualTo("StartTimeout");
        assertThat(result.message()).isEqualTo("The driver did not start within 15s; the driver container was still ContainerCreating;"
                + " the last warning was FailedMount: MountVolume.SetUp failed for volume \"spark-conf-volume-driver\" : configmap"
                + " \"spark-drv-conf-map\" not found. The driver pod was deleted.");
    }
}
