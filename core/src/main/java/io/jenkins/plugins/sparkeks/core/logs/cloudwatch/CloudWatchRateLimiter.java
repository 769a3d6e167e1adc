package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The CloudWatch Logs read budget of ONE account and region, shared by every followed job: CloudWatch's read
 * quotas ({@link CloudWatchQuotas}) are per account and region and shared with every other reader there, so a
 * per-job limit would not protect them. By default we take {@link #DEFAULT_SHARE} of each documented quota, so a
 * full bucket spent at once still stays within one second's quota. Callers never block: they ask for a permit and
 * skip their turn when there is none. A throttling reply pauses every operation, for longer on each consecutive
 * one.
 */
public final class CloudWatchRateLimiter {

    /** The read operations we use. */
    public enum Operation {
        GET_LOG_EVENTS,
        FILTER_LOG_EVENTS,
        DESCRIBE_LOG_STREAMS
    }

    /** Share of each documented quota taken by default: half, as a bucket holds two seconds of permits. */
    public static final double DEFAULT_SHARE = 0.5;

    private static final long NANOS = 1_000_000_000L;
    /** Permits a bucket can save up, in seconds of its rate: with the default share a burst is one quota-second. */
    static final double BURST_SECONDS = 2;
    /** Default pauses after throttling: the first up to half a second, doubling to at most a minute. */
    public static final java.time.Duration FIRST_PAUSE = java.time.Duration.ofMillis(500);
    public static final java.time.Duration MAX_PAUSE = java.time.Duration.ofMinutes(1);

    private final LongSupplier nanoTime;
    private final long firstPauseNanos;
    private final long maxPauseNanos;
    private final Map<Operation, Bucket> buckets = new EnumMap<>(Operation.class);
    private long pausedUntil;
    private int throttleStreak;

    private static final class Bucket {
        final double perSecond;
        final double capacity;
        double tokens;
        long refilledAt;

        Bucket(double perSecond, long now) {
            this.perSecond = perSecond;
            // a bucket holds BURST_SECONDS of permits: the poller spends them once per interval (2 s by default),
            // and a one-second bucket threw half the budget away between ticks
            this.capacity = Math.max(1, perSecond * BURST_SECONDS);
            this.tokens = capacity;
            this.refilledAt = now;
        }
    }

    public CloudWatchRateLimiter() {
        this(CloudWatchQuotas.LOWEST);
    }

    /** The default share of the given quotas. */
    public CloudWatchRateLimiter(CloudWatchQuotas quotas) {
        this(shareOf(quotas), System::nanoTime);
    }

    private static Map<Operation, Double> shareOf(CloudWatchQuotas quotas) {
        Map<Operation, Double> rates = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            rates.put(op, quotas.of(op) * DEFAULT_SHARE);
        }
        return rates;
    }

    /**
     * @param perSecond permits per second by operation; operations left out get the default share of the lowest
     *                  regional quota
     * @param nanoTime  time source (tests pass a controllable one)
     */
    public CloudWatchRateLimiter(Map<Operation, Double> perSecond, LongSupplier nanoTime) {
        this(perSecond, nanoTime, FIRST_PAUSE, MAX_PAUSE);
    }

    /**
     * @param firstPause longest pause after the first throttling reply (each pause is half fixed, half random)
     * @param maxPause   bound of the pause however long the throttling lasts
     */
    public CloudWatchRateLimiter(Map<Operation, Double> perSecond, LongSupplier nanoTime, java.time.Duration firstPause,
            java.time.Duration maxPause) {
        if (firstPause.isNegative() || firstPause.isZero() || maxPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("invalid throttling pauses " + firstPause + "/" + maxPause);
        }
        this.firstPauseNanos = firstPause.toNanos();
        this.maxPauseNanos = maxPause.toNanos();
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        for (Operation op : Operation.values()) {
            double rate = perSecond.getOrDefault(op, CloudWatchQuotas.LOWEST.of(op) * DEFAULT_SHARE);
            if (rate <= 0) {
                throw new IllegalArgumentException(op + " rate must be positive");
            }
            buckets.put(op, new Bucket(rate, now));
        }
        this.pausedUntil = now;
    }

    /** Takes a permit for one call, or returns false (without waiting) when the budget is spent or paused. */
    public synchronized boolean tryAcquire(Operation op) {
        long now = nanoTime.getAsLong();
        if (now - pausedUntil < 0) {
            return false;
        }
        Bucket b = buckets.get(op);
        b.tokens = Math.min(b.capacity, b.tokens + (now - b.refilledAt) * b.perSecond / NANOS);
        b.refilledAt = now;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    /** Whether {@link #tryAcquire} would succeed now, without taking the permit. */
    public synchronized boolean hasPermit(Operation op) {
        long now = nanoTime.getAsLong();
        if (now - pausedUntil < 0) {
            return false;
        }
        Bucket b = buckets.get(op);
        return Math.min(b.capacity, b.tokens + (now - b.refilledAt) * b.perSecond / NANOS) >= 1;
    }

    /**
     * CloudWatch answered ThrottlingException (or failed in a way that calls for slowing down: 5xx, a dropped
     * connection): everyone pauses, exponentially longer while it repeats. Nobody gives up here; whoever waits
     * for the log decides how long is too long.
     */
    public synchronized void throttled() {
        throttleStreak = Math.min(throttleStreak + 1, 30);
        long pause = Math.min(maxPauseNanos, firstPauseNanos << Math.min(throttleStreak - 1, 20));
        pause = pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1);
        pausedUntil = nanoTime.getAsLong() + pause;
    }

    /** A call went through: the throttling streak is over. */
    public synchronized void succeeded() {
        throttleStreak = 0;
    }

    /** True while a throttling pause is in force. */
    public synchronized boolean isPaused() {
        return nanoTime.getAsLong() - pausedUntil < 0;
    }
}
