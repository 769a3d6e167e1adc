package io.jenkins.plugins.sparkeks.core.k8s.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A driver pod that says Running while its node is gone, through the real watch on the CRUD mock API server: the
 * node controller's marks on the pod (Ready=False with containers still ready, phase Unknown, reason NodeLost), the
 * Node object when it may be read, and a deletion that never completes.
 */
@EnableKubernetesMockClient(crud = true)
class StalledDriverTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static final String NS = "stalls";
    static final LogFollowPolicy FAST = new LogFollowPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 3, Duration.ofSeconds(5));
    /** A short grace period so a test need not wait minutes; the signs below are older than it. */
    static final WaitOptions SHORT_GRACE = WaitOptions.DEFAULT.withFollowLogs(false).withStallGracePeriod(Duration.ofSeconds(1));
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
        await().atMost(20, TimeUnit.SECONDS).until(() -> watch.result().isDone());
        return watch.result().join();
    }

    /** The pod as the node controller leaves it: Ready=False since {@code since}, containers still "ready" and running. */
    private static PodStatus markedNotReady(Instant since) {
        return new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("False").withLastTransitionTime(since.toString()).endCondition()
                .addToContainerStatuses(runningDriver(true))
                .build();
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus runningDriver(boolean ready) {
        return new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withImage("spark:3.5.6").withReady(ready)
                .withNewState().withNewRunning().withStartedAt(Instant.now().minusSeconds(900).toString()).endRunning().endState()
                .build();
    }

    private static void onNode(String pod, String node) {
        client.pods().inNamespace(NS).withName(pod).edit(p -> new PodBuilder(p).editSpec().withNodeName(node).endSpec().build());
    }

    private static void node(String name, String readyStatus, String reason, String message, Instant since) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(readyStatus).withReason(reason).withMessage(message)
                .withLastTransitionTime(since.toString()).endCondition().endStatus()
                .build()).create();
    }

    @Test
    void aDriverWhoseNodeIsUnreachableFailsWithNodeLostNamingTheNodeAndItsPodIsDeleted() {
        DriverPodReference ref = pods.create("lost-driver");
        onNode("lost-driver", "ip-10-0-1-5.ec2.internal");
        node("ip-10-0-1-5.ec2.internal", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.",
                Instant.parse("2026-12-04T22:00:00Z"));
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, SHORT_GRACE, observer, machinery);
        pods.running("lost-driver");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.RUNNING));
        pods.status("lost-driver", markedNotReady(Instant.parse("2026-12-04T22:00:40Z")));

        JobResult result = awaitResult(watch);
        observer.print("NodeLost (node readable)");
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("NodeLost");
        assertThat(result.message())
                .contains("node ip-10-0-1-5.ec2.internal is unreachable (NodeStatusUnknown: Kubelet stopped posting node status.)")
                .contains("marked not ready at 2026-12-04T22:00:40Z")
                .contains("stall grace period 1s")
                .contains("The driver pod was deleted.");
        assertThat(observer.states).as("the stall is never read as running").contains(JobState.STALLED)
                .last().isEqualTo(JobState.FAILED);
        assertThat(result.explanation()).first().asString().startsWith("Driver pod stalls:lost-driver: The driver pod's node stopped serving it");
        assertThat(pods.get("lost-driver")).as("cleaned up as for a timeout").isNull();
        assertThat(watch.status()).isEqualTo("driver pod stalls/lost-driver finished: FAILED (NodeLost)");
    }

    @Test
    void phaseUnknownIsStalledNotRunningAndWithoutNodeAccessThePodAloneDecidesSaidOnce() {
        String nodePath = "/api/v1/nodes/ip-10-0-2-7.ec2.internal";
        server.expect().get().withPath(nodePath).andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"nodes is forbidden: cannot get resource nodes at the cluster scope\"}")
                .always();
        DriverPodReference ref = pods.create("unknown-driver");
        onNode("unknown-driver", "ip-10-0-2-7.ec2.internal");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, SHORT_GRACE, observer, machinery);
        pods.status("unknown-driver", new PodStatusBuilder(markedNotReady(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600)))
                .withPhase("Unknown").build());

        JobResult result = awaitResult(watch);
        observer.print("NodeLost (pod only)");
        assertThat(observer.states).doesNotContain(JobState.RUNNING).contains(JobState.STALLED);
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("NodeLost");
        assertThat(result.nativeState()).isEqualTo("Unknown");
        assertThat(result.message()).contains("the pod's phase is Unknown")
                .contains("judged from the pod alone: node ip-10-0-2-7.ec2.internal could not be read (no permission to get nodes)");
        assertThat(observer.diagnostics.stream().filter(d -> d.startsWith("Cannot read the driver's node"))).hasSize(1);
    }

    @Test
    void aPodStuckTerminatingEndsAsDriverStalledWithoutAnotherDelete() {
        DriverPodReference ref = pods.create("stuck-driver");
        // a finalizer keeps the pod after its delete, as a kubelet that never confirms does on a real cluster
        client.pods().inNamespace(NS).withName("stuck-driver")
                .edit(p -> new PodBuilder(p).editMetadata().addToFinalizers("example.com/hold").endMetadata().build());
        pods.running("stuck-driver");
        node("ip-10-0-3-9.ec2.internal", "True", "KubeletReady", "kubelet is posting ready status", Instant.now().minusSeconds(3600));
        onNode("stuck-driver", "ip-10-0-3-9.ec2.internal");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, SHORT_GRACE, observer, machinery);
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.RUNNING));
        pods.delete("stuck-driver");

        JobResult result = awaitResult(watch);
        observer.print("DriverStalled (stuck Terminating)");
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("DriverStalled");
        assertThat(result.message()).contains("stuck Terminating")
                .contains("node ip-10-0-3-9.ec2.internal is Ready, so something else holds the deletion (finalizers: example.com/hold)");
        Pod still = pods.get("stuck-driver");
        assertThat(still.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(observer.diagnostics).contains("Driver pod " + ref.displayId() + " is already being deleted; retention has nothing to do");
        client.pods().inNamespace(NS).withName("stuck-driver")
                .edit(p -> new PodBuilder(p).editMetadata().withFinalizers().endMetadata().build());
    }

    @Test
    void aNodeThatIsReadyAgainDoesNotFailTheJob() {
        DriverPodReference ref = pods.create("back-driver");
        onNode("back-driver", "ip-10-0-4-1.ec2.internal");
        node("ip-10-0-4-1.ec2.internal", "True", "KubeletReady", "kubelet is posting ready status", Instant.now());
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, SHORT_GRACE, observer, machinery);
        pods.status("back-driver", markedNotReady(Instant.now().minusSeconds(120)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.stream().anyMatch(d -> d.contains("is Ready again")));
        assertThat(watch.result()).isNotDone();
        pods.terminated("back-driver", "Succeeded", 0, "Completed");
        assertThat(awaitResult(watch).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aRunningPodNotReadyBecauseOfItsOwnContainerIsNoStall() {
        DriverPodReference ref = pods.create("sidecar-driver");
        onNode("sidecar-driver", "ip-10-0-5-1.ec2.internal");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, SHORT_GRACE, observer, machinery);
        // the kubelet is alive: it says which container is not ready
        pods.status("sidecar-driver", new PodStatusBuilder(markedNotReady(Instant.now().minusSeconds(600)))
                .withContainerStatuses(runningDriver(false)).build());
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.states.contains(JobState.RUNNING));
        await().during(2, TimeUnit.SECONDS).atMost(4, TimeUnit.SECONDS).until(() -> !watch.result().isDone());
        assertThat(observer.states).doesNotContain(JobState.STALLED);
        watch.detach();
    }
}
