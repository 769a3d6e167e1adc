package io.jenkins.plugins.sparkeks.core.job;

import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.util.concurrent.CompletableFuture;

/**
 * A job being followed on the core's shared machinery. Holding one costs no thread: completion arrives
 * through a shared informer or poller.
 */
public interface JobWatch {

    /** The reference with the log cursor as of now; persist it to resume later without repeated lines. */
    JobReference reference();

    /** Completes with the verdict once the job is terminal (and its log drained), or exceptionally on an internal error. */
    CompletableFuture<JobResult> result();

    /** One line on what is being waited for, e.g. {@code driver pod ns/app-driver Pending (ImagePullBackOff)}. */
    String status();

    /** Cancels the remote job and completes {@link #result()} with CANCELLED (or the terminal state it had reached). */
    CompletableFuture<JobResult> cancel(String why);

    /**
     * Stops following locally and leaves the remote job alone (process shutdown, Jenkins restart).
     * {@link #result()} then completes exceptionally with a {@link java.util.concurrent.CancellationException}:
     * a front end that detached on purpose must not read that as the job failing.
     */
    void detach();
}
