package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Reads every followed driver log of ONE log group from one repeating task on the shared scheduler. Each tick
 * visits ended jobs first (their results wait on the drain), then logs with a backlog or a stream still to find,
 * then quiet ones; within each group the order rotates from where the previous tick ran out of read permits, so a
 * small CloudWatch budget is shared fairly. A log without a lookup permit does not end the round while read
 * permits are left.
 */
public final class CloudWatchLogPoller {

    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchLogPoller.class);

    private final String logGroup;
    private final CloudWatchRateLimiter limiter;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Runnable onIdle;
    private final List<CloudWatchDriverLog> followers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private ScheduledFuture<?> task;
    private int nextIndex;
    private boolean closed;

    public CloudWatchLogPoller(String logGroup, CloudWatchRateLimiter limiter, ScheduledExecutorService scheduler,
            Duration interval, Runnable onIdle) {
        this.logGroup = logGroup;
        this.limiter = limiter;
        this.scheduler = scheduler;
        this.interval = interval;
        this.onIdle = onIdle;
    }

    /** Adds a follower; false when this poller has just gone idle and closed (make a new one). */
    public boolean add(CloudWatchDriverLog follower) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            followers.add(follower);
            if (task == null) {
                task = scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return true;
    }

    private void tick() {
        try {
            round();
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: keep the other jobs' logs flowing
            LOG.warn("CloudWatch log poller for {} failed", logGroup, e);
        }
    }

    private void round() {
        followers.removeIf(CloudWatchDriverLog::isDone);
        if (followers.isEmpty()) {
            synchronized (lock) {
                if (followers.isEmpty()) {
                    closed = true;
                    task.cancel(false);
                    task = null;
                }
            }
            if (closed) {
                onIdle.run();
                return;
            }
        }
        List<CloudWatchDriverLog> snapshot = new ArrayList<>(followers);
        int n = snapshot.size();
        int start = Math.floorMod(nextIndex, n);
        // a drain's deadline holds even for a log no read reaches this round
        snapshot.forEach(CloudWatchDriverLog::checkDeadline);
        // by backlog, not only round-robin: ended jobs first (their results wait), then logs that had lines or
        // still miss a stream, then the quiet ones; within each class the rotation keeps the budget fair
        List<CloudWatchDriverLog> round = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            round.add(snapshot.get((start + i) % n));
        }
        round.sort(Comparator.comparingInt(CloudWatchDriverLog::priority));
        for (int i = 0; i < n; i++) {
            CloudWatchDriverLog f = round.get(i);
            if (f.isDone()) {
                continue;
            }
            if (limiter.isPaused()) {
                nextIndex = snapshot.indexOf(f);
                return;
            }
            try {
                // a log short of a lookup permit still had its found streams read; the round goes on while reads
                // are possible
                if (!f.poll(limiter) && !limiter.hasPermit(CloudWatchRateLimiter.Operation.GET_LOG_EVENTS)) {
                    nextIndex = snapshot.indexOf(f); // out of permits: the rotation resumes here next time
                    return;
                }
            } catch (ResourceNotFoundException e) {
                f.failed("CloudWatch log group " + logGroup + " not found (yet)");
            } catch (AwsServiceException e) {
                if (e.isThrottlingException() || e.statusCode() == 429) {
                    // the whole account is over its read quota: everyone waits, then this one goes first
                    limiter.throttled();
                    f.failed("CloudWatch Logs is throttling the log reads");
                    nextIndex = snapshot.indexOf(f);
                    return;
                }
                if (e.statusCode() >= 500) {
                    limiter.throttled();
                }
                f.failed("CloudWatch Logs: " + (e.awsErrorDetails() == null ? "HTTP " + e.statusCode()
                        : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage()));
            } catch (SdkException e) {
                limiter.throttled();
                f.failed("CloudWatch Logs unreachable: " + e.getClass().getSimpleName());
            } catch (RuntimeException e) {
                LOG.warn("driver log follower for {} failed", logGroup, e);
                f.failed("internal error: " + e.getClass().getSimpleName());
            }
        }
        nextIndex = start + n;
    }
}
