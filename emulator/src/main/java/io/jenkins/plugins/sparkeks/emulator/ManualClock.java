package io.jenkins.plugins.sparkeks.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that only moves when a test moves it. It is a {@link Clock} so the code under test can be given the very
 * same instance, and job states in the emulator derive from it: advancing it is how a test makes a job progress.
 */
public final class ManualClock extends Clock {
    private final Object lock = new Object();
    private Instant now;

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            return now;
        }
    }

    /** Moves time forward; a negative duration is refused because nothing in AWS goes back in time. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("ManualClock.advance: duration must not be negative, was " + by);
        }
        synchronized (lock) {
            now = now.plus(by);
            return now;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("ManualClock is always UTC");
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }
}
