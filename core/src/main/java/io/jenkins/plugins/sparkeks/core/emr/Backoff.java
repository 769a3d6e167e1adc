package io.jenkins.plugins.sparkeks.core.emr;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, and plain jitter for regular polls, so that many controllers (or one
 * controller's many virtual clusters) do not call AWS in lock step.
 *
 * @param base   first delay after a failure
 * @param max    upper bound of any delay
 * @param jitter fraction of a regular interval that is randomised, 0..1
 */
public record Backoff(Duration base, Duration max, double jitter) {

    public Backoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("invalid backoff " + base + "/" + max + "/" + jitter);
        }
    }

    /** Delay before retrying after {@code failures} consecutive failures (1 = first failure). */
    public long failureDelayMillis(int failures) {
        int shift = Math.min(Math.max(failures - 1, 0), 20);
        long cap = Math.min(max.toMillis(), base.toMillis() << shift);
        // half fixed, half random: never retry immediately, never all at once
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    /** A regular interval with ±jitter/2 spread. */
    public long jittered(Duration interval) {
        long ms = interval.toMillis();
        long spread = (long) (ms * jitter);
        return Math.max(1, ms - spread / 2 + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(spread + 1)));
    }
}
