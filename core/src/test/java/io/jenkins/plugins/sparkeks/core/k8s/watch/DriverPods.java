package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Driver pods and their status changes, as a test drives them in the CRUD mock. */
public final class DriverPods {

    private static final AtomicInteger EVENTS = new AtomicInteger();

    public static final ClusterCoordinates CLUSTER = ClusterCoordinates.server("https://mock.invalid");

    private final KubernetesClient client;
    private final String namespace;

    public DriverPods(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Creates a managed driver pod as the submitter would and returns its reference. */
    public DriverPodReference create(String name) {
        Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name)
                .addToLabels(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                .addToLabels(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)
                .addToLabels(SparkLabels.SPARK_APP_SELECTOR, "spark-" + name)
                .endMetadata()
                .withNewSpec().addNewContainer().withName(SparkLabels.DRIVER_CONTAINER).withImage("spark:3.5.6").endContainer()
                .withRestartPolicy("Never").endSpec()
                .build()).create();
        return new DriverPodReference(CLUSTER, namespace, name, pod.getMetadata().getUid(), null, null, null);
    }

    public void status(String name, PodStatus status) {
        client.pods().inNamespace(namespace).withName(name)
                .editStatus(p -> new PodBuilder(p).withStatus(status).build());
    }

    public void pendingWaiting(String name, String reason, String message) {
        status(name, new PodStatusBuilder().withPhase("Pending")
                .addToContainerStatuses(driver().withNewState().withNewWaiting().withReason(reason).withMessage(message)
                        .endWaiting().endState().build())
                .build());
    }

    public void running(String name) {
        status(name, new PodStatusBuilder().withPhase("Running")
                .addToContainerStatuses(driver().withNewState().withNewRunning().withStartedAt(Instant.now().toString())
                        .endRunning().endState().build())
                .build());
    }

    public void terminated(String name, String phase, int exitCode, String reason) {
        status(name, terminatedStatus(phase, exitCode, reason));
    }

    public static PodStatus terminatedStatus(String phase, int exitCode, String reason) {
        return new PodStatusBuilder().withPhase(phase)
                .addToContainerStatuses(terminatedContainer(exitCode, reason))
                .build();
    }

    public static ContainerStatus terminatedContainer(int exitCode, String reason) {
        return driver().withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason)
                .withStartedAt(Instant.now().minusSeconds(5).toString()).withFinishedAt(Instant.now().toString())
                .endTerminated().endState().build();
    }

    public void event(String pod, String type, String reason, String message) {
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withName(pod + "." + EVENTS.incrementAndGet()).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName(pod).withNamespace(namespace).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .build()).create();
    }

    public void delete(String name) {
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    public Pod get(String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    private static ContainerStatusBuilder driver() {
        return new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withImage("spark:3.5.6");
    }
}
