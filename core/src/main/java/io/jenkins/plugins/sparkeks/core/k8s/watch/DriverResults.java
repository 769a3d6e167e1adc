package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Instant;
import java.util.List;

/** Turns a driver pod verdict into the shared {@link JobResult}. */
public final class DriverResults {

    private DriverResults() {}

    /**
     * @param pod         the last known pod (for its creation time and Spark app id label), may be null
     * @param explanation lines explaining a failure; ignored for a success
     */
    public static JobResult of(DriverPodReference reference, PodVerdict verdict, Pod pod, List<String> explanation) {
        String sparkAppId = reference.sparkAppId();
        if (sparkAppId == null && pod != null && pod.getMetadata() != null && pod.getMetadata().getLabels() != null) {
            sparkAppId = pod.getMetadata().getLabels().get(SparkLabels.SPARK_APP_SELECTOR);
        }
        Instant created = pod == null || pod.getMetadata() == null ? null : DriverVerdict.time(pod.getMetadata().getCreationTimestamp());
        Instant finished = verdict.finishedAt() != null ? verdict.finishedAt() : verdict.terminal() ? Instant.now() : null;
        JobResult.Builder b = JobResult.builder(Backend.KUBERNETES, verdict.state())
                .exitCode(verdict.exitCode())
                .reason(verdict.reason())
                .message(verdict.message())
                .nativeState(verdict.phase())
                .sparkAppId(sparkAppId)
                .namespace(reference.namespace())
                .driverPod(reference.podName())
                .submittedAt(created)
                .startedAt(verdict.startedAt())
                .finishedAt(finished);
        if (!verdict.success() && explanation != null) {
            b.explanation(explanation);
        }
        return b.build();
    }
}
