package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes the status a kubelet reports for one driver pod through its life (Pending, Running, terminated), for
 * scripted and real drivers alike. A write to a pod that is gone or was recreated under the same name is refused.
 */
final class DriverPodStatus {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String uid;
    private final String image;
    private final String podIp;

    DriverPodStatus(KubernetesClient client, Pod pod, String podIp) {
        this.client = client;
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.uid = pod.getMetadata().getUid();
        this.image = pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()
                ? null : pod.getSpec().getContainers().get(0).getImage();
        this.podIp = podIp;
    }

    String image() {
        return image;
    }

    /** Pending with the container waiting on {@code reason}; false when the pod is gone. */
    boolean waiting(Instant now, String reason, String message) {
        return write(new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodScheduled", now))
                .withContainerStatuses(new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER)
                        .withImage(image).withReady(false).withStarted(false).withRestartCount(0)
                        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting()
                        .endState()
                        .build())
                .build());
    }

    boolean running(Instant startedAt) {
        return write(new PodStatusBuilder().withPhase("Running").withPodIP(podIp).withStartTime(startedAt.toString())
                .withConditions(condition("PodScheduled", startedAt), condition("Ready", startedAt))
                .withContainerStatuses(new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER)
                        .withImage(image).withReady(true).withStarted(true).withRestartCount(0)
                        .withNewState().withNewRunning().withStartedAt(startedAt.toString()).endRunning().endState()
                        .build())
                .build());
    }

    boolean terminated(Instant startedAt, Instant finishedAt, int exitCode, String reason) {
        ContainerStatus container = new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER)
                .withImage(image).withReady(false).withStarted(false).withRestartCount(0)
                .withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason)
                .withStartedAt(startedAt.toString()).withFinishedAt(finishedAt.toString())
                .endTerminated().endState()
                .build();
        return write(new PodStatusBuilder().withPhase(exitCode == 0 ? "Succeeded" : "Failed").withPodIP(podIp)
                .withStartTime(startedAt.toString())
                .withConditions(condition("PodScheduled", startedAt),
                        new PodConditionBuilder().withType("Ready").withStatus("False")
                                .withReason("PodCompleted").withLastTransitionTime(finishedAt.toString()).build())
                .withContainerStatuses(container)
                .build());
    }

    private boolean write(PodStatus status) {
        Pod current = client.pods().inNamespace(namespace).withName(name).get();
        if (current == null || !uid.equals(current.getMetadata().getUid())) {
            return false;
        }
        client.pods().inNamespace(namespace).withName(name)
                .editStatus(p -> new PodBuilder(p).withStatus(status).build());
        return true;
    }

    private static PodCondition condition(String type, Instant at) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(at.toString()).build();
    }

    /** Kubernetes reports times in whole seconds. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
