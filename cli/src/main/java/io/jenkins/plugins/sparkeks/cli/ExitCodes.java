package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;

/**
 * The process exit codes, one per outcome a script may want to branch on. Documented in
 * docs/reference.md; keep the two in step.
 */
public final class ExitCodes {

    /** The job succeeded (or, without waiting: it was submitted, its status read, it was cancelled). */
    public static final int OK = 0;
    /** The driver failed: non-zero exit, OOMKilled, evicted, deleted by someone else, EMR FAILED. */
    public static final int JOB_FAILED = 1;
    /** Bad input: unknown option, missing or invalid value. Nothing was submitted. (picocli's usage code.) */
    public static final int USAGE = 2;
    /** A start or run timeout expired; the remote job was cancelled. */
    public static final int TIMED_OUT = 3;
    /** The job was cancelled: Ctrl-C, the {@code cancel} command, or someone else. */
    public static final int CANCELLED = 4;
    /** The cluster or AWS could not be reached or refused a call (permissions, network, conflicting object). */
    public static final int ERROR = 5;
    /**
     * The job's outcome can no longer be read: its driver pod is gone (removed by retention after it finished,
     * or deleted by someone else). Not a failure we know of, so not {@link #JOB_FAILED}.
     */
    public static final int OUTCOME_UNKNOWN = 6;
    /**
     * We asked the job to stop (cancel, Ctrl-C, a timeout) but did not see it stop within the grace period: it may
     * still be running. Distinct from {@link #CANCELLED} so a script does not take a live job for a stopped one.
     */
    public static final int CANCEL_NOT_CONFIRMED = 7;

    private ExitCodes() {}

    /** The exit code for a job's result; a job still in progress counts as OK (used by {@code status}). */
    public static int of(JobResult result) {
        if (Boolean.FALSE.equals(result.cancelConfirmed())) {
            return CANCEL_NOT_CONFIRMED;
        }
        return of(result.state());
    }

    public static int of(JobState state) {
        return switch (state) {
            case SUCCEEDED, SUBMITTED, PENDING, RUNNING, STALLED, CANCELLING -> OK;
            case FAILED -> JOB_FAILED;
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED -> CANCELLED;
            case UNKNOWN -> OUTCOME_UNKNOWN;
        };
    }
}
