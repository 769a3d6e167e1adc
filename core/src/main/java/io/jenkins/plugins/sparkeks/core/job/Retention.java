package io.jenkins.plugins.sparkeks.core.job;

/** What happens to a finished driver pod (and the objects it owns). */
public enum Retention {
    /** Delete the driver pod once the job is terminal and its log is drained. */
    DELETE,
    /** Leave it for inspection. */
    KEEP,
    /** Delete it after success, keep it after a failure. */
    KEEP_ON_FAILURE
}
