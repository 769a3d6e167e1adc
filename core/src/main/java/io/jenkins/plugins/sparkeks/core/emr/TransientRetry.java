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
 * window (from construction) has passed. Safe only for calls that cannot act twice: lookups, and StartJobRun
 * under a client token. Every failure message names the submission key, because retrying under that same key
 * is what finds a run that EMR started without our hearing of it.
 */
final class TransientRetry {

    private final Duration window;
    private final long deadlineNanos;
    private final Backoff backoff;
    private final Consumer<String> diagnostics;
    private boolean reported;

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
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (ValidationException e) {
                throw e;
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
