package io.jenkins.plugins.sparkeks.core.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
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
 * The stall rule in the Kubeflow operator mode, through the real watch on the CRUD mock API server: the operator
 * keeps saying RUNNING while the driver pod's node is gone, and the job still ends as NodeLost after the stall
 * grace period, by deleting the SparkApplication.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorStalledDriverTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static final String NS = "opstalls";
    static final WaitOptions SHORT_GRACE = WaitOptions.DEFAULT.withFollowLogs(false).withStallGracePeriod(Duration.ofSeconds(1));
    static ScheduledExecutorService scheduler;
    static SparkApplicationInformers informers;
    static DriverInformerRegistry pods;
    static SparkOperatorBackend backend;
    static FakeSparkOperator operator;

    @BeforeAll
    static void setUp() {
        scheduler = Executors.newScheduledThreadPool(2);
        pods = new DriverInformerRegistry(scheduler);
        informers = new SparkApplicationInformers(scheduler);
        backend = new SparkOperatorBackend(client, DriverPods.CLUSTER, informers, WatchMachinery.of(pods, scheduler));
        operator = new FakeSparkOperator(client, NS);
    }

    @AfterAll
    static void tearDown() {
        informers.close();
        pods.close();
        scheduler.shutdownNow();
    }

    private static SparkApplicationReference submit(String name, RecordingObserver observer) {
        return backend.submit(SparkSubmitRequest.builder(name).namespace(NS).image("apache/spark:3.5.6")
                .mainClass("org.apache.spark.examples.SparkPi").primaryResource("local:///opt/spark/examples/jars/spark-examples.jar")
                .build(), new SubmissionKey("job/" + name + "#1"), observer);
    }

    /** The driver pod as the node controller leaves it: Ready=False since {@code since}, its container still ready and running. */
    private static PodStatus markedNotReady(Instant since) {
        return new PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("False").withLastTransitionTime(since.toString()).endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withImage("spark:3.5.6")
                        .withReady(true).withNewState().withNewRunning().withStartedAt(Instant.now().minusSeconds(900).toString())
                        .endRunning().endState().build())
                .build();
    }

    private static void onNode(String pod, String node) {
        client.pods().inNamespace(NS).withName(pod).edit(p -> new PodBuilder(p).editSpec().withNodeName(node).endSpec().build());
    }

    @Test
    void aRunningApplicationWhoseDriverNodeIsUnreachableFailsWithNodeLostAndTheApplicationIsDeleted() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("ip-10-0-7-3.ec2.internal").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("Unknown").withReason("NodeStatusUnknown")
                .withMessage("Kubelet stopped posting node status.").withLastTransitionTime("2026-12-04T22:00:00Z").endCondition()
                .endStatus().build()).create();
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit("op-lost", observer);
        JobWatch watch = backend.watch(ref, SHORT_GRACE, observer);
        operator.running(ref.name());
        onNode(ref.driverPodName(), "ip-10-0-7-3.ec2.internal");
        // the operator has not noticed: its state stays RUNNING
        operator.pods().status(ref.driverPodName(), markedNotReady(Instant.parse("2026-12-04T22:00:40Z")));

        JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
        observer.print("NodeLost (Kubeflow operator)");
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("NodeLost");
        assertThat(result.nativeState()).isEqualTo("RUNNING");
        assertThat(result.message())
                .contains("The driver pod's node stopped serving it")
                .contains("node ip-10-0-7-3.ec2.internal is unreachable (NodeStatusUnknown: Kubelet stopped posting node status.)")
                .contains("marked not ready at 2026-12-04T22:00:40Z")
                .contains("stall grace period 1s")
                .endsWith("The SparkApplication was deleted.");
        assertThat(observer.diagnostics).anyMatch(d -> d.startsWith("Driver pod " + NS + ":" + ref.driverPodName()
                + " on node ip-10-0-7-3.ec2.internal: the pod was marked not ready"));
        assertThat(operator.get(ref.name())).as("cancelled as for a timeout").isNull();
    }

    @Test
    void phaseUnknownWithoutNodeAccessIsJudgedFromThePodAloneSaidOnce() {
        server.expect().get().withPath("/api/v1/nodes/ip-10-0-8-4.ec2.internal").andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,\"message\":\"nodes is forbidden\"}").always();
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit("op-unknown", observer);
        JobWatch watch = backend.watch(ref, SHORT_GRACE, observer);
        operator.running(ref.name());
        onNode(ref.driverPodName(), "ip-10-0-8-4.ec2.internal");
        operator.pods().status(ref.driverPodName(), new PodStatusBuilder(
                markedNotReady(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600))).withPhase("Unknown").build());

        JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
        observer.print("NodeLost (Kubeflow operator, pod only)");
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.reason()).isEqualTo("NodeLost");
        assertThat(result.message()).contains("the pod's phase is Unknown")
                .contains("judged from the pod alone: node ip-10-0-8-4.ec2.internal could not be read (no permission to get nodes)")
                .endsWith("The SparkApplication was deleted.");
        assertThat(observer.diagnostics.stream().filter(d -> d.startsWith("Cannot read the driver's node"))).hasSize(1);
        assertThat(observer.states).as("phase Unknown is not read as running, whatever the operator says")
                .containsSubsequence(JobState.RUNNING, JobState.STALLED).last().isEqualTo(JobState.FAILED);
        assertThat(operator.get(ref.name())).isNull();
    }

    @Test
    void aHealthyRunningDriverIsNoStall() {
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit("op-fine", observer);
        JobWatch watch = backend.watch(ref, SHORT_GRACE, observer);
        operator.running(ref.name());
        onNode(ref.driverPodName(), "ip-10-0-9-5.ec2.internal");
        org.awaitility.Awaitility.await().during(2, TimeUnit.SECONDS).atMost(4, TimeUnit.SECONDS).until(() -> !watch.result().isDone());
        assertThat(observer.states).doesNotContain(JobState.STALLED);
        operator.driverExited(ref.name(), "Succeeded", 0, "Completed");
        operator.state(ref.name(), "COMPLETED", null);
        assertThat(watch.result().orTimeout(20, TimeUnit.SECONDS).join().state()).isEqualTo(JobState.SUCCEEDED);
    }
}
