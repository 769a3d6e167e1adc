package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverVerdict;
import io.jenkins.plugins.sparkeks.core.k8s.watch.PodVerdict;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Instant;
import java.util.List;

/**
 * Turns an application verdict, plus the driver pod when it is still visible, into the shared {@link JobResult}.
 * The application state decides; the driver container adds its exit code, times and (for a failure) its reason.
 */
final class OperatorResults {

    private OperatorResults() {}

    static JobResult of(SparkApplicationReference ref, ApplicationVerdict verdict, ApplicationStatus status, Pod driver,
            List<String> explanation) {
        PodVerdict pod = driver == null ? null : DriverVerdict.judge(driver);
        String reason = verdict.reason();
        String message = verdict.message();
        if (pod != null && verdict.state() == JobState.FAILED && pod.terminal() && !pod.success() && pod.reason() != null) {
            reason = pod.reason();
            message = message + " (driver: " + pod.message() + ")";
        }
        Instant finished = pod != null && pod.finishedAt() != null ? pod.finishedAt() : verdict.terminal() ? Instant.now() : null;
        JobResult.Builder b = JobResult.builder(Backend.SPARK_OPERATOR, verdict.state())
                .exitCode(pod == null ? null : pod.exitCode())
                .reason(reason)
                .message(message)
                .nativeState(verdict.nativeState())
                .sparkAppId(status == null ? null : status.sparkAppId())
                .namespace(ref.namespace())
                .driverPod(status == null || status.driverPod() == null ? ref.driverPodName() : status.driverPod())
                .submittedAt(status == null ? null : status.createdAt())
                .startedAt(pod == null ? null : pod.startedAt())
                .finishedAt(finished);
        if (!verdict.success() && explanation != null) {
            b.explanation(explanation);
        }
        return b.build();
    }
}
