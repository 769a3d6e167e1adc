package io.jenkins.plugins.sparkeks.core.job;

import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobState;

/**
 * What a front end hears while a job is submitted and followed. Called from the core's shared threads:
 * implementations must be quick and must not block.
 */
public interface JobObserver {

    JobObserver NONE = new JobObserver() {};

    /** The remote id is known. A front end persists the reference now, before anything else can go wrong. */
    default void submitted(JobReference reference) {}

    /** The job moved to another state; {@code detail} is a short human sentence or null. */
    default void stateChanged(JobState state, String detail) {}

    /** A progress or diagnostic line that is not driver output: scheduling events, image pulls, retries. */
    default void diagnostic(String line) {}

    /**
     * Spark's own progress changed (jobs, current stage, executors), at most once per insight poll interval. By
     * default printed as a diagnostic line; a front end with a status line may show it there instead.
     */
    default void sparkProgress(SparkSnapshot snapshot) {
        diagnostic(snapshot.progressLine());
    }

    /** A driver log line, delivered once and in order. */
    default void log(LogLine line) {}
}
