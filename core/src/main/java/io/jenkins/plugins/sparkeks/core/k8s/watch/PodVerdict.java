package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Instant;
import java.util.Objects;

/**
 * What one observation of the driver pod says about the job.
 *
 * @param state          the shared state; terminal states are final verdicts
 * @param exitCode       the driver container's exit code once it terminated
 * @param reason         short machine-friendly reason ({@code Completed}, {@code OOMKilled}, {@code ImagePullBackOff}, ...)
 * @param message        a human sentence
 * @param phase          the pod phase as Kubernetes reports it (null before the pod has a status)
 * @param blockingReason for a pending driver, what holds it back, e.g. {@code ImagePullBackOff: Back-off pulling image "x"}
 * @param startedAt      when the driver container started
 * @param finishedAt     when the driver container terminated
 */
public record PodVerdict(
        JobState state,
        Integer exitCode,
        String reason,
        String message,
        String phase,
        String blockingReason,
        Instant startedAt,
        Instant finishedAt) implements WatchVerdict<PodVerdict> {

    public PodVerdict {
        Objects.requireNonNull(state, "state");
    }

    @Override
    public PodVerdict as(JobState newState, String newReason, String newMessage) {
        return new PodVerdict(newState, exitCode, newReason, newMessage, phase, blockingReason, startedAt, finishedAt);
    }
}
