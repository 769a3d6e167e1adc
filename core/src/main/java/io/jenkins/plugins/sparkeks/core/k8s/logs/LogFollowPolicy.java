package io.jenkins.plugins.sparkeks.core.k8s.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * How a driver log follower reconnects.
 *
 * @param firstRetry               delay before the first reconnect after a stream ended or failed
 * @param maxRetry                 cap of the exponential backoff between reconnects
 * @param attemptsAfterTermination failed attempts tolerated once the pod is terminal before the rest of
 *                                 the log is given up (the pod may already be gone)
 * @param drainTimeout             longest wait for the rest of the log once the pod is terminal
 */
public record LogFollowPolicy(Duration firstRetry, Duration maxRetry, int attemptsAfterTermination, Duration drainTimeout) {

    public static final LogFollowPolicy DEFAULT =
            new LogFollowPolicy(Duration.ofMillis(200), Duration.ofSeconds(5), 3, Duration.ofSeconds(60));

    public LogFollowPolicy {
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxRetry, "maxRetry");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (attemptsAfterTermination < 1) {
            throw new IllegalArgumentException("attemptsAfterTermination must be at least 1");
        }
    }

    /** Backoff with full jitter between half and all of the exponential delay, so reconnects of many jobs spread out. */
    Duration retryDelay(int failures, double random) {
        long base = firstRetry.toMillis() << Math.min(Math.max(failures - 1, 0), 16);
        long capped = Math.min(base, maxRetry.toMillis());
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
    }
}
