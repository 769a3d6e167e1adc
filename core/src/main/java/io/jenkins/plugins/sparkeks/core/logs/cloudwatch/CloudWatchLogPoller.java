package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Reads every followed driver log of ONE log group from one repeating task on the shared scheduler, many streams
 * per call. Each tick:
 * <ol>
 * <li>looks up the streams still missing with DescribeLogStreams over the longest name prefix they share (50
 * names a page, continued across ticks), not one lookup per job;</li>
 * <li>reads found streams with FilterLogEvents over batches of up to {@value #MAX_STREAMS_PER_CALL} stream
 * names, each stream continuing from its own time cursor; a job alone in its batch, or a stream whose position has
 * only a GetLogEvents token, is read with GetLogEvents instead, and when the FilterLogEvents budget is spent
 * the GetLogEvents budget reads on, stream by stream.</li>
 * </ol>
 * Logs are taken by backlog, not in a plain circle: ended jobs first (their results wait on the drain), then logs
 * that had lines or still miss a stream, then quiet ones; within each class the order rotates from where the
 * previous tick ran out of permits, so a small CloudWatch budget is shared fairly.
 */
public final class CloudWatchLogPoller {

    /** FilterLogEvents takes at most 100 names in logStreamNames. */
    static final int MAX_STREAMS_PER_CALL = 100;
    /** Ticks between two lookups of streams that the last whole lookup did not find. */
    static final int RESCAN_TICKS = 5;
    /** The shortest gap between two ticks, as a fraction of the interval. */
    private static final long MIN_GAP_DIVISOR = 4;
    /** Batches read at once by one tick: the tick's own thread and at most this many less one helper tasks. */
    static final int MAX_IN_FLIGHT = 2;
    /** DescribeLogStreams returns at most 50 streams a page. */
    private static final int STREAMS_PER_PAGE = 50;

    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchLogPoller.class);

    private final String logGroup;
    private final CloudWatchRateLimiter limiter;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Runnable onIdle;
    private final LongSupplier nanoTime;
    /** Events per FilterLogEvents page; null = CloudWatch's default (as many as fit in 1 MB, up to 10,000). */
    private final Integer eventsPerCall;
    private final List<CloudWatchDriverLog> followers = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private ScheduledFuture<?> task;
    private int nextIndex;
    private boolean closed;
    /** A stream lookup cut short by the budget continues here next tick (same prefix only). */
    private String lookupPrefix;
    private String lookupToken;
    private long lookupStartedAt;
    /** Logs whose missing streams a whole lookup has not found: looked up again only every few ticks. */
    private final java.util.Set<CloudWatchDriverLog> confirmedMissing = new java.util.HashSet<>();
    private long lastLookupDoneAt;
    private boolean lookedUpOnce;
    /** The lookup under way found a stream, and so did the last whole one: streams are appearing now. */
    private boolean walkFound;
    private boolean lastWalkFound;
    /** Calls made by this poller, for the tick's debug line. */
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    public CloudWatchLogPoller(String logGroup, CloudWatchRateLimiter limiter, ScheduledExecutorService scheduler,
            Duration interval, Runnable onIdle) {
        this(logGroup, limiter, scheduler, interval, onIdle, System::nanoTime, null);
    }

    CloudWatchLogPoller(String logGroup, CloudWatchRateLimiter limiter, ScheduledExecutorService scheduler,
            Duration interval, Runnable onIdle, LongSupplier nanoTime, Integer eventsPerCall) {
        this.logGroup = logGroup;
        this.limiter = limiter;
        this.scheduler = scheduler;
        this.interval = interval;
        this.onIdle = onIdle;
        this.nanoTime = nanoTime;
        this.eventsPerCall = eventsPerCall;
    }

    /** Adds a follower; false when this poller has just gone idle and closed (make a new one). */
    public boolean add(CloudWatchDriverLog follower) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            followers.add(follower);
            if (task == null) {
                task = scheduler.schedule(this::tick, 0, TimeUnit.MILLISECONDS);
            }
        }
        return true;
    }

    /** One tick, for tests that drive the poller themselves. */
    void runOnce() {
        tick();
    }

    private void tick() {
        long began = nanoTime.getAsLong();
        try {
            round();
        } catch (RuntimeException e) {
            // keep the other jobs' logs flowing
            LOG.warn("CloudWatch log poller for {} failed", logGroup, e);
        } finally {
            scheduleNext(began);
        }
    }

    /**
     * Ticks start one interval apart, not one interval after the previous tick ended: a tick slowed by a large
     * backlog or a slow endpoint would otherwise add its own length to every line's delay and to every drain. A
     * tick that overran still leaves a short gap, so the shared scheduler's other tasks get their turn.
     */
    private void scheduleNext(long began) {
        long elapsed = nanoTime.getAsLong() - began;
        long delay = Math.max(interval.toNanos() / MIN_GAP_DIVISOR, interval.toNanos() - elapsed);
        synchronized (lock) {
            if (closed || task == null) {
                return;
            }
            try {
                task = scheduler.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                task = null; // the scheduler is shutting down with the machinery
            }
        }
    }

    private void round() {
        followers.removeIf(CloudWatchDriverLog::isDone);
        if (followers.isEmpty()) {
            synchronized (lock) {
                if (followers.isEmpty()) {
                    closed = true;
                    if (task != null) {
                        task.cancel(false);
                    }
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
        List<CloudWatchDriverLog> round = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            round.add(snapshot.get((start + i) % n));
        }
        round.sort(Comparator.comparingInt(CloudWatchDriverLog::priority));
        round.removeIf(CloudWatchDriverLog::isDone);
        if (round.isEmpty() || limiter.isPaused()) {
            return;
        }
        long began = nanoTime.getAsLong();
        int before = calls.get();
        lookUp(round);
        long looked = nanoTime.getAsLong();
        int lookups = calls.get() - before;
        CloudWatchDriverLog stoppedAt = read(round);
        nextIndex = stoppedAt == null ? start + n : snapshot.indexOf(stoppedAt);
        if (LOG.isDebugEnabled()) {
            long missing = round.stream().filter(CloudWatchDriverLog::missesStreams).count();
            LOG.debug("{}: tick over {} logs ({} missing streams, {} ended): lookup {} calls {} ms, reads {} calls {} ms,"
                    + " stopped {}", logGroup, n, missing, round.stream().filter(f -> f.priority() == 0).count(),
                    lookups, (looked - began) / 1_000_000, calls.get() - before - lookups,
                    (nanoTime.getAsLong() - looked) / 1_000_000, stoppedAt == null ? "no" : "for permits");
        }
    }

    /** Finds missing streams with as few DescribeLogStreams pages as the shared name prefix allows. */
    private void lookUp(List<CloudWatchDriverLog> round) {
        Map<String, CloudWatchDriverLog> missing = new HashMap<>();
        String prefix = null;
        for (CloudWatchDriverLog f : round) {
            if (f.missesStreams()) {
                missing.put(f.driverPath(), f);
                prefix = prefix == null ? f.driverPath() : commonPrefix(prefix, f.driverPath());
            }
        }
        confirmedMissing.retainAll(missing.values());
        if (missing.isEmpty()) {
            lookupToken = null;
            return;
        }
        // a stream that a whole lookup did not find (a job that never writes to stderr) must not cost a lookup
        // of every page each tick: new logs are looked up at once, the others every RESCAN_TICKS ticks; but a job
        // that just ended waits on one lookup after its end, and its result must not wait RESCAN_TICKS for it
        boolean newcomers = !confirmedMissing.containsAll(missing.values())
                || missing.values().stream().anyMatch(CloudWatchDriverLog::awaitsLookupAfterEnd);
        // while streams are appearing (runs that started together), the next whole lookup follows at once
        if (!newcomers && lookupToken == null && lookedUpOnce && !lastWalkFound
                && nanoTime.getAsLong() - lastLookupDoneAt < RESCAN_TICKS * interval.toNanos()) {
            return;
        }
        if (!prefix.equals(lookupPrefix)) {
            lookupPrefix = prefix;
            lookupToken = null;
        }
        CloudWatchLogsClient logs = round.get(0).client();
        while (!missing.isEmpty() && limiter.tryAcquire(CloudWatchRateLimiter.Operation.DESCRIBE_LOG_STREAMS)) {
            if (lookupToken == null) {
                lookupStartedAt = nanoTime.getAsLong();
            }
            DescribeLogStreamsResponse page;
            try {
                calls.incrementAndGet();
                page = logs.describeLogStreams(DescribeLogStreamsRequest.builder().logGroupName(logGroup)
                        .logStreamNamePrefix(prefix).limit(STREAMS_PER_PAGE).nextToken(lookupToken).build());
                limiter.succeeded();
            } catch (RuntimeException e) {
                lookupToken = null;
                failed(e, missing.values());
                return;
            }
            for (LogStream ls : page.logStreams()) {
                String name = ls.logStreamName();
                CloudWatchDriverLog f = missing.get(name.substring(0, name.lastIndexOf('/') + 1));
                if (f != null && f.found(name)) {
                    walkFound = true;
                    if (!f.missesStreams()) {
                        missing.remove(f.driverPath());
                    }
                }
            }
            lookupToken = page.nextToken();
            if (lookupToken == null) {
                // every stream with the prefix was listed: the ones still missing are confirmed missing
                missing.values().forEach(f -> f.lookedUp(lookupStartedAt));
                confirmedMissing.addAll(missing.values());
                lastLookupDoneAt = nanoTime.getAsLong();
                lookedUpOnce = true;
                lastWalkFound = walkFound;
                walkFound = false;
                return;
            }
        }
    }

    /** Reads the found streams, ended jobs first; returns the first log left unread, null when all were read. */
    private CloudWatchDriverLog read(List<CloudWatchDriverLog> round) {
        // token-only positions (resumed from before time cursors) are read alone
        List<CloudWatchDriverLog> batchable = new ArrayList<>();
        for (CloudWatchDriverLog f : round) {
            if (!f.batchableStreams().isEmpty()) {
                batchable.add(f);
            }
        }
        List<List<CloudWatchDriverLog>> batches = new ArrayList<>();
        int i = 0;
        while (i < batchable.size()) {
            List<CloudWatchDriverLog> batch = new ArrayList<>();
            int names = 0;
            while (i < batchable.size()) {
                int mine = batchable.get(i).batchableStreams().size();
                if (!batch.isEmpty() && names + mine > MAX_STREAMS_PER_CALL) {
                    break;
                }
                batch.add(batchable.get(i++));
                names += mine;
            }
            batches.add(batch);
        }
        CloudWatchDriverLog stoppedAt = new BatchReads(batches).run();
        if (stoppedAt != null) {
            return stoppedAt;
        }
        for (CloudWatchDriverLog f : round) {
            List<String> tokenOnly = f.tokenOnlyStreams();
            if (!tokenOnly.isEmpty() && !readAlone(f, tokenOnly)) {
                return f;
            }
        }
        return null;
    }

    /**
     * One tick's batches, taken in order by the tick's thread and by up to {@link #MAX_IN_FLIGHT} less one helper
     * tasks on the shared scheduler, so that many calls' round trips overlap; still one poller per log group, and
     * every call still takes a permit first. The tick never waits for a helper that has not started (it does that
     * helper's share itself), so a busy or tiny scheduler can slow the reads but never block them.
     */
    private final class BatchReads {
        private final List<List<CloudWatchDriverLog>> batches;
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean outOfPermits;
        private int stoppedIndex = Integer.MAX_VALUE;
        private CloudWatchDriverLog stoppedAt;

        BatchReads(List<List<CloudWatchDriverLog>> batches) {
            this.batches = batches;
        }

        /** Reads every batch while permits last; the first log left unread, or null. */
        CloudWatchDriverLog run() {
            List<Helper> helpers = new ArrayList<>();
            for (int h = 1; h < Math.min(MAX_IN_FLIGHT, batches.size()); h++) {
                Helper helper = new Helper();
                try {
                    scheduler.execute(helper);
                    helpers.add(helper);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    break; // shutting down: this thread reads alone
                }
            }
            work();
            for (Helper helper : helpers) {
                // claimed here = never started: nothing to wait for; else it is reading now and ends soon
                if (!helper.state.compareAndSet(0, 2)) {
                    helper.done.join();
                }
            }
            synchronized (this) {
                return stoppedAt;
            }
        }

        private void work() {
            int i;
            while (!outOfPermits && (i = next.getAndIncrement()) < batches.size()) {
                CloudWatchDriverLog unread = readBatch(batches.get(i));
                if (unread != null) {
                    outOfPermits = true;
                    synchronized (this) {
                        if (i < stoppedIndex) {
                            stoppedIndex = i;
                            stoppedAt = unread;
                        }
                    }
                }
            }
        }

        private final class Helper implements Runnable {
            /** 0 = not started, 1 = reading, 2 = done or claimed by the tick. */
            final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
            final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();

            @Override
            public void run() {
                if (!state.compareAndSet(0, 1)) {
                    return;
                }
                try {
                    work();
                } catch (RuntimeException e) {
                    LOG.warn("CloudWatch log reads for {} failed", logGroup, e);
                } finally {
                    state.set(2);
                    done.complete(null);
                }
            }
        }
    }

    /** One batch: FilterLogEvents over its streams, or each alone; returns the first log left unread, or null. */
    private CloudWatchDriverLog readBatch(List<CloudWatchDriverLog> batch) {
        List<String> names = new ArrayList<>();
        batch.forEach(f -> names.addAll(f.batchableStreams()));
        boolean filtered = batch.size() > 1
                && limiter.tryAcquire(CloudWatchRateLimiter.Operation.FILTER_LOG_EVENTS);
        if (filtered) {
            return filter(batch, names) ? null : batch.get(0);
        }
        // one job alone, or no FilterLogEvents permit: GetLogEvents for each stream while permits last
        for (CloudWatchDriverLog f : batch) {
            if (!readAlone(f, f.batchableStreams())) {
                return f;
            }
        }
        return null;
    }

    /** One FilterLogEvents read of a batch, page after page while permits last; false when it could not go on. */
    private boolean filter(List<CloudWatchDriverLog> batch, List<String> names) {
        Map<String, CloudWatchDriverLog> byStream = new HashMap<>();
        long startTime = Long.MAX_VALUE;
        for (CloudWatchDriverLog f : batch) {
            List<String> mine = f.batchableStreams();
            f.beginFiltered(mine);
            for (String name : mine) {
                byStream.put(name, f);
                startTime = Math.min(startTime, f.startTime(name));
            }
        }
        Map<CloudWatchDriverLog, List<LogLine>> pending = new HashMap<>();
        batch.forEach(f -> pending.put(f, new ArrayList<>()));
        CloudWatchLogsClient logs = batch.get(0).client();
        String token = null;
        boolean complete = false;
        boolean permitted = true;
        try {
            do {
                calls.incrementAndGet();
                FilterLogEventsResponse page = logs.filterLogEvents(FilterLogEventsRequest.builder()
                        .logGroupName(logGroup).logStreamNames(names).startTime(startTime).nextToken(token).limit(eventsPerCall).build());
                limiter.succeeded();
                for (FilteredLogEvent e : page.events()) {
                    CloudWatchDriverLog f = byStream.get(e.logStreamName());
                    if (f != null) {
                        f.offer(e, pending.get(f));
                    }
                }
                token = page.nextToken();
                complete = token == null;
            } while (!complete && (permitted = limiter.tryAcquire(CloudWatchRateLimiter.Operation.FILTER_LOG_EVENTS)));
            return permitted;
        } catch (RuntimeException e) {
            return !failed(e, batch);
        } finally {
            // events already offered have moved their streams' positions: their lines go out whatever happened
            for (CloudWatchDriverLog f : batch) {
                f.endFiltered(pending.get(f), complete);
            }
        }
    }

    /** GetLogEvents for each named stream of one log while permits last; false when they ran out or it failed. */
    private boolean readAlone(CloudWatchDriverLog f, List<String> names) {
        for (String name : names) {
            if (!limiter.tryAcquire(CloudWatchRateLimiter.Operation.GET_LOG_EVENTS)) {
                return false;
            }
            try {
                calls.incrementAndGet();
                f.readAlone(name);
                limiter.succeeded();
            } catch (RuntimeException e) {
                if (failed(e, List.of(f))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Classifies a failed call for the logs it was made for; true when everyone must now wait. */
    private boolean failed(RuntimeException failure, java.util.Collection<CloudWatchDriverLog> logs) {
        String problem;
        boolean pause = false;
        if (failure instanceof ResourceNotFoundException) {
            problem = "CloudWatch log group " + logGroup + " not found (yet)";
        } else if (failure instanceof AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() == 429) {
                // the whole account is over its read quota: everyone waits, then these go first
                problem = "CloudWatch Logs is throttling the log reads";
                pause = true;
            } else {
                pause = e.statusCode() >= 500;
                problem = "CloudWatch Logs: " + (e.awsErrorDetails() == null ? "HTTP " + e.statusCode()
                        : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
            }
        } else if (failure instanceof SdkException) {
            pause = true;
            problem = "CloudWatch Logs unreachable: " + failure.getClass().getSimpleName();
        } else {
            LOG.warn("driver log reading for {} failed", logGroup, failure);
            problem = "internal error: " + failure.getClass().getSimpleName();
        }
        if (pause) {
            limiter.throttled();
        }
        for (CloudWatchDriverLog f : logs) {
            f.failed(problem);
        }
        return pause;
    }

    static String commonPrefix(String a, String b) {
        int i = 0;
        int max = Math.min(a.length(), b.length());
        while (i < max && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }
}
