package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.jenkins.plugins.sparkeks.core.result.JobState;

/**
 * What one observation of a watched object says about the job, as the shared lifecycle needs it. Each mode
 * keeps its own record (driver pod, operator application) with whatever else it knows.
 *
 * @param <V> the mode's own verdict type
 */
public interface WatchVerdict<V extends WatchVerdict<V>> {

    JobState state();

    /** Short machine-friendly reason, may be null while nothing is wrong. */
    String reason();

    /** A human sentence. */
    String message();

    /** The same observation judged as another outcome: a cancel or timeout we caused. */
    V as(JobState newState, String newReason, String newMessage);

    default boolean terminal() {
        return state().isTerminal();
    }

    default boolean success() {
        return state() == JobState.SUCCEEDED;
    }
}
