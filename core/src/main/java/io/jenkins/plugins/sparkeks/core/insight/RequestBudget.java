package io.jenkins.plugins.sparkeks.core.insight;

/**
 * The insight requests one cluster's API server may receive per second, shared by every job on that cluster:
 * requests are spaced evenly, and a request that would wait too long is skipped rather than queued, so a hundred
 * followed jobs slow each job's polling down instead of piling requests up.
 */
public final class RequestBudget {

    private final long spacingNanos;
    private long next;

    public RequestBudget(double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive, was " + requestsPerSecond);
        }
        this.spacingNanos = (long) (1_000_000_000L / requestsPerSecond);
    }

    /**
     * Reserves a slot: the delay in nanoseconds until the request may be sent, or -1 when the next free slot is more
     * than {@code maxWaitNanos} away (nothing is reserved then).
     */
    public synchronized long reserve(long nowNanos, long maxWaitNanos) {
        long slot = next - nowNanos > 0 ? next : nowNanos;
        long wait = slot - nowNanos;
        if (wait > maxWaitNanos) {
            return -1;
        }
        next = slot + spacingNanos;
        return wait;
    }
}
