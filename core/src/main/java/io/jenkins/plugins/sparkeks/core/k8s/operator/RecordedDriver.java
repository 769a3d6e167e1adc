package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * The driver as the operator last saw it. The Apache operator releases the driver pod when the application stops
 * (resourceRetainPolicy Never, or OnFailure after a success) but keeps its last status in the application, so the
 * exit code and times survive the pod.
 */
final class RecordedDriver {

    private RecordedDriver() {}

    /** A pod carrying only {@code status}; null without one. */
    static Pod pod(String name, PodStatus status) {
        return status == null ? null : new PodBuilder().withNewMetadata().withName(name).endMetadata().withStatus(status).build();
    }
}
