package io.jenkins.plugins.sparkeks.core.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * A cancel by deletion, seen through: the delete is sent again after failures that say nothing about the object
 * (no answer, 429, 5xx), and the object is looked for until it is gone, with backoff, until a deadline. Only an
 * object seen gone (or a 404) counts as confirmed.
 */
public final class ConfirmedDelete {

    private static final long FIRST_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 5_000;

    /**
     * @param confirmed the object was seen gone
     * @param requested the API accepted the delete (when not confirmed: it may still be terminating)
     * @param problem   the last failure, or null
     */
    public record Outcome(boolean confirmed, boolean requested, String problem) {

        /** A sentence for a result's message when not confirmed; names the last failure, never a credential. */
        public String unconfirmedDetail(String what, Duration waited) {
            return (requested ? what + " was still there " + seconds(waited) + " after the delete"
                    : "Deleting " + what + " did not get through within " + seconds(waited))
                    + (problem == null ? "" : " (last failure: " + problem + ")") + "; it may still be running.";
        }

        private static String seconds(Duration d) {
            return d.toSeconds() + " s";
        }
    }

    private ConfirmedDelete() {}

    /** No answer, throttled or a server error: the next try may go through. */
    public static boolean isTransient(KubernetesClientException e) {
        int code = e.getCode();
        return code <= 0 || code == 429 || code >= 500;
    }

    /**
     * @param delete sends the delete once
     * @param gone   reads the object once: true when it no longer exists
     * @param within the deadline for both
     * @param what   the object, for messages
     * @throws JobException when the API refuses the delete or the read for good (permissions, conflict)
     */
    public static Outcome run(Runnable delete, BooleanSupplier gone, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        boolean requested = false;
        String problem = null;
        for (int round = 0; ; round++) {
            try {
                if (!requested) {
                    delete.run();
                    requested = true;
                }
                if (gone.getAsBoolean()) {
                    return new Outcome(true, true, null);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return new Outcome(true, true, null);
                }
                if (!isTransient(e)) {
                    throw new JobException("Could not delete " + what + ": " + describe(e), e);
                }
                problem = describe(e);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return new Outcome(false, requested, problem);
            }
            pause(Math.min(delay(round), Math.max(1, remaining / 1_000_000)), what);
        }
    }

    /** Exponential with half jitter: never at once, never in lock step with other cancels. */
    public static long delay(int round) {
        long cap = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS << Math.min(round, 10));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    public static String describe(KubernetesClientException e) {
        String status = e.getStatus() == null ? null : e.getStatus().getMessage();
        if (e.getCode() <= 0) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "no answer from the API server (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        }
        return "HTTP " + e.getCode() + (status == null ? "" : " " + status);
    }

    private static void pause(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobException("Interrupted while deleting " + what + ".", e);
        }
    }
}
