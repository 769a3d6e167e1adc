package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.JobException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrcontainers.model.ValidationException;

/**
 * Gets one CancelJobRun through. Throttling, 5xx and lost connections say nothing about the run, so they are
 * retried with backoff until EMR accepts the cancel, answers that the run can no longer be cancelled, or the
 * caller's deadline passes; a refusal (permissions, unknown run) is final.
 */
final class JobRunCanceller {

    /** EMR's answer to a CancelJobRun that got through. */
    enum Answer {
        /** The run is now CANCEL_PENDING. */
        ACCEPTED,
        /** "... is not in a cancellable state": it has ended or is already cancelling; its state tells the rest. */
        NOT_CANCELLABLE
    }

    private final EmrContainersClient emr;
    private final String region;

    JobRunCanceller(EmrContainersClient emr, String region) {
        this.emr = emr;
        this.region = region;
    }

    /**
     * One CancelJobRun.
     *
     * @throws SdkException  a transient failure ({@link AwsErrors#isTransient}): worth another try
     * @throws JobException  a final refusal, or an unknown run
     */
    Answer once(EmrJobRunReference ref) {
        try {
            emr.cancelJobRun(b -> b.virtualClusterId(ref.virtualClusterId()).id(ref.jobRunId()));
            return Answer.ACCEPTED;
        } catch (ValidationException e) {
            return Answer.NOT_CANCELLABLE;
        } catch (ResourceNotFoundException e) {
            throw new JobException("EMR job run " + ref.displayId() + " does not exist (region " + region + ").");
        } catch (SdkException e) {
            if (AwsErrors.isTransient(e)) {
                throw e;
            }
            throw new JobException("CancelJobRun for " + ref.displayId() + " failed: " + AwsErrors.describe(e));
        }
    }

    /**
     * For a watch, which holds no thread: the first try now, further tries on {@code scheduler} after transient
     * failures, until one gets through, {@code done} says the watch has ended, or {@code deadlineNanos} (on
     * {@link System#nanoTime()}) passes. Reports the first transient failure and a final refusal; the watch's own
     * cancel wait decides when to stop waiting for the run.
     */
    void inBackground(EmrJobRunReference ref, long deadlineNanos, ScheduledExecutorService scheduler, Backoff backoff,
            Consumer<String> diagnostics, BooleanSupplier done) {
        attempt(ref, 1, deadlineNanos, scheduler, backoff, diagnostics, done);
    }

    private void attempt(EmrJobRunReference ref, int attempt, long deadlineNanos, ScheduledExecutorService scheduler,
            Backoff backoff, Consumer<String> diagnostics, BooleanSupplier done) {
        if (done.getAsBoolean()) {
            return;
        }
        try {
            once(ref);
        } catch (JobException e) {
            diagnostics.accept(e.getMessage() + "; still waiting for the run to end.");
        } catch (SdkException e) {
            retryLater(ref, attempt, deadlineNanos, scheduler, backoff, diagnostics, done, e);
        } catch (RuntimeException e) {
            // e.g. a client closed under us: the watch's own wait still ends it
            diagnostics.accept("CancelJobRun for " + ref.displayId() + " failed: " + AwsErrors.describe(e)
                    + "; still waiting for the run to end.");
        }
    }

    private void retryLater(EmrJobRunReference ref, int attempt, long deadlineNanos, ScheduledExecutorService scheduler,
            Backoff backoff, Consumer<String> diagnostics, BooleanSupplier done, SdkException e) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            diagnostics.accept("CancelJobRun for " + ref.displayId() + " did not get through after " + attempt
                    + " tries (last: " + AwsErrors.describe(e) + ").");
            return;
        }
        if (attempt == 1) {
            diagnostics.accept("CancelJobRun failed: " + AwsErrors.describe(e) + "; trying again with backoff.");
        }
        long delay = Math.min(backoff.failureDelayMillis(attempt), Math.max(1, remaining / 1_000_000));
        try {
            scheduler.schedule(() -> attempt(ref, attempt + 1, deadlineNanos, scheduler, backoff, diagnostics, done),
                    delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutdown) {
            // the process is stopping; nothing is left to report to
        }
    }
}
