package io.jenkins.plugins.sparkeks.core.emr;

import java.util.function.LongSupplier;

/**
 * How many DescribeJobRun calls one virtual cluster's poller may still make in the current window. The regular
 * drain keeps its own per-tick limit and only records what it spent; prompt confirmations (a driver pod that ended)
 * take what is left, so they never raise the poller's rate above the drain's. Used by the single running tick only.
 */
final class DescribeBudget {

    private final int perWindow;
    private final long windowNanos;
    private final LongSupplier nanos;
    private long windowStart;
    private int used;

    DescribeBudget(int perWindow, java.time.Duration window, LongSupplier nanos) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.nanos = nanos;
        this.windowStart = nanos.getAsLong() - windowNanos;
    }

    /** Takes one call if the window has one left. */
    boolean tryTake() {
        roll();
        if (used >= perWindow) {
            return false;
        }
        used++;
        return true;
    }

    /** Records calls made under another limit (the regular drain), so confirmations yield to them. */
    void spent(int calls) {
        roll();
        used += calls;
    }

    /** How many calls the current window has left. */
    int remaining() {
        roll();
        return Math.max(0, perWindow - used);
    }

    /** How long until {@link #tryTake()} can succeed again. */
    long millisUntilNext() {
        roll();
        if (used < perWindow) {
            return 0;
        }
        return Math.max(1, (windowStart + windowNanos - nanos.getAsLong()) / 1_000_000);
    }

    private void roll() {
        long now = nanos.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            used = 0;
        }
    }
}
