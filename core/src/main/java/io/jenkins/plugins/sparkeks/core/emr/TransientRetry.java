package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emrcontainers.model.ValidationException;

/**
 * The submit's calls, tried again after throttling, 5xx and lost connections with backoff and jitter until one
 * window (from construction) has passed; StartJobRun also while the virtual cluster's job queue is full. Safe only for calls that cannot act twice: lookups, and StartJobRun
 * under a client token. Every failure message names the submission key, because retrying under that same key
 * is what finds a run that EMR started without our hearing of it.
 */
final class TransientRetry {

    private final Duration window;
    private final long deadlineNanos;
    private final Backoff backoff;
    private final Consumer<String> diagnostics;
    private boolean reported;
    private long queueReportedNanos;
    private long queueFirstNanos;

    TransientRetry(Duration window, Backoff backoff, Consumer<String> diagnostics) {
        this.window = window;
        this.deadlineNanos = System.nanoTime() + window.toNanos();
        this.backoff = backoff;
        this.diagnostics = diagnostics;
    }

    /**
     * @throws ValidationException as EMR sent it, for the caller's own wording
     * @throws JobException        on a final refusal, when the window has passed, or when interrupted
     */
    <T> T call(String what, SubmissionKey key, Supplier<T> action) {
        return call(what, key, action, null);
    }

    /**
     * As {@link #call(String, SubmissionKey, Supplier)}, and a full job queue is waited out too, telling the console
     * why (with {@code queue}'s count of waiting runs when it has one) at the first refusal and about once a minute.
     */
    <T> T call(String what, SubmissionKey key, Supplier<T> action, JobQueue queue) {
        int queueRefusals = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (ValidationException e) {
                if (queue == null || !JobQueue.isFull(e)) {
                    throw e;
                }
                queueRefusals++;
                long now = System.nanoTime();
                long remaining = deadlineNanos - now;
                if (remaining <= 0) {
                    throw new JobException(what + " found the virtual cluster's job queue full for "
                            + EmrJobWatch.human(Duration.ofNanos(now - queueFirstNanos)) + " and gave up at the end of its"
                            + " " + EmrJobWatch.human(window) + " start window ("  + queueRefusals
                            + (queueRefusals == 1 ? " try" : " tries") + ", last: " + AwsErrors.describe(e) + ")."
                            + withCount(queue) + " The virtual cluster caps the job runs waiting to run"
                            + " (schedulerConfiguration.maxInQueueJobRuns): let queued runs finish, raise the cap"
                            + " (aws emr-containers update-virtual-cluster), or give a longer start timeout."
                            + sameKey(key));
                }
                if (queueRefusals == 1) {
                    queueFirstNanos = now;
                    queueReportedNanos = now;
                    diagnostics.accept(what + ": the virtual cluster's job queue is full (" + AwsErrors.describe(e)
                            + ")." + withCount(queue) + " Waiting for a place: trying again with backoff for up to "
                            + EmrJobWatch.human(window) + ".");
                } else if (now - queueReportedNanos >= QUEUE_REPORT_EVERY.toNanos()) {
                    queueReportedNanos = now;
                    diagnostics.accept(what + ": the job queue is still full after "
                            + EmrJobWatch.human(Duration.ofNanos(now - queueFirstNanos)) + " (" + queueRefusals
                            + " tries)." + withCount(queue));
                }
                pause(Math.min(backoff.failureDelayMillis(queueRefusals), Math.max(1, remaining / 1_000_000)), what, key);
            } catch (SdkException e) {
                if (!AwsErrors.isTransient(e)) {
                    throw new JobException(what + " failed: " + AwsErrors.describe(e) + "." + sameKey(key));
                }
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    throw new JobException(what + " did not get through within " + EmrJobWatch.human(window) + " ("
                            + attempt + (attempt == 1 ? " try" : " tries") + ", last: " + AwsErrors.describe(e)
                            + ")." + sameKey(key));
                }
                if (!reported) {
                    reported = true;
                    diagnostics.accept(what + ": " + AwsErrors.describe(e) + "; trying again with backoff for up to "
                            + EmrJobWatch.human(window) + ".");
                }
                pause(Math.min(backoff.failureDelayMillis(attempt), Math.max(1, remaining / 1_000_000)), what, key);
            }
        }
    }

    /** How often a long wait for the queue is reported again, so the console shows it is still waiting and why. */
    static final Duration QUEUE_REPORT_EVERY = Duration.ofMinutes(1);

    private static String withCount(JobQueue queue) {
        String occupancy = queue.occupancy();
        return occupancy == null ? "" : " Now " + occupancy + ".";
    }

    private static void pause(long millis, String what, SubmissionKey key) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobException("Interrupted while retrying " + what + "." + sameKey(key), e);
        }
    }

    /** The key is the caller's own label (build and step, or the CLI's generated one), never a secret. */
    private static String sameKey(SubmissionKey key) {
        return " Retry with the same submission key \"" + key.value() + "\": it finds a run this attempt may have"
                + " started instead of starting a second one.";
    }
}
