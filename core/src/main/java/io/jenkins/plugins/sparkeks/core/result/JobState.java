package io.jenkins.plugins.sparkeks.core.result;

/**
 * The life cycle shared by every backend. Each backend maps its native states onto these and keeps the
 * native name in {@link JobResult#nativeState()} so that nothing is lost in translation.
 */
public enum JobState {
    /** Accepted by the remote side, not yet scheduled (EMR PENDING/SUBMITTED, pod created). */
    SUBMITTED(false),
    /** Waiting for resources or an image (pod Pending). */
    PENDING(false),
    /** The driver is running. */
    RUNNING(false),
    /**
     * The driver pod shows that its node stopped reporting (phase Unknown, reason NodeLost, marked not ready by the
     * node controller): it may have stopped making progress. Never read as running; the job ends as FAILED once this
     * lasts longer than the stall grace period.
     */
    STALLED(false),
    /** A cancellation was requested and has not completed yet. */
    CANCELLING(false),
    /** The driver finished and the backend reports success. */
    SUCCEEDED(true),
    /** The driver failed, was evicted, or was removed by someone else. */
    FAILED(true),
    /** Cancelled on request (build aborted, Ctrl-C, explicit cancel). */
    CANCELLED(true),
    /** A start or run timeout expired; the remote job was cancelled. */
    TIMED_OUT(true),
    /**
     * The outcome can no longer be known: the driver pod is gone and nobody saw how it ended (removed by retention
     * before anyone read it, or deleted by someone else). Neither a success nor a known failure.
     */
    UNKNOWN(true);

    private final boolean terminal;

    JobState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
