package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What every watch does the same way between subscribing and its verdict: the start and run timeouts and
 * other timers on the shared scheduler, and finishing once, which cancels the timers and ends the informer
 * subscription. Not thread-safe: its owner calls it with the owner's lock held.
 */
public final class WatchLifecycle {

    private final ScheduledExecutorService scheduler;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    /** A mode may hold more than one (an operator's application and its driver pod); each must be idempotent to close. */
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private boolean finishing;
    private boolean timeoutsScheduled;

    public WatchLifecycle(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** A subscription to end when the watch finishes. */
    public void closeOnFinish(AutoCloseable subscription) {
        subscriptions.add(subscription);
    }

    /** Whether the watch has reached (or is draining towards) its end; nothing new is acted on then. */
    public boolean finishing() {
        return finishing;
    }

    /** Starts finishing: cancels every timer and ends the subscriptions. False when already finishing. */
    public boolean finish() {
        if (finishing) {
            return false;
        }
        finishing = true;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    /** Once per watch: the start and run timeouts of {@code options}, counted from {@code from}. */
    public void scheduleTimeouts(Instant from, WaitOptions options, Runnable startTimedOut, Runnable runTimedOut) {
        if (timeoutsScheduled) {
            return;
        }
        timeoutsScheduled = true;
        if (options.startTimeout() != null) {
            after(Duration.between(Instant.now(), from.plus(options.startTimeout())), startTimedOut);
        }
        if (options.runTimeout() != null) {
            after(Duration.between(Instant.now(), from.plus(options.runTimeout())), runTimedOut);
        }
    }

    /** Runs {@code action} on the shared scheduler after {@code delay} unless the watch finishes first. */
    public void after(Duration delay, Runnable action) {
        long millis = Math.max(0, delay.toMillis());
        timers.add(scheduler.schedule(action, millis, TimeUnit.MILLISECONDS));
    }
}
