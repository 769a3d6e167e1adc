package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * One job's driver stdout and stderr in CloudWatch Logs. The streams appear only after the log shipper's first
 * flush, so they are discovered by name (DescribeLogStreams by prefix) until both exist. Each stream is then read
 * either alone with GetLogEvents from its forward token (an unchanged token means no new data), or together with
 * other jobs' streams in one FilterLogEvents call from its time cursor ({@link StreamPosition}); both ways keep
 * both positions, so a stream can move between them without repeating or losing an event. Not a loop: the log
 * group's {@link CloudWatchLogPoller} decides which calls happen, under the account's rate limiter. Lines of both
 * streams fetched by one read are delivered merged in timestamp order.
 */
public final class CloudWatchDriverLog {

    /** EMR's driver streams, by the last part of their names. */
    public static final List<String> STREAMS = List.of("stdout", "stderr");

    /** How a drain ended. */
    public enum DrainOutcome {
        /** Every stream was found and read to its end, and stayed so for the quiet period. */
        COMPLETE,
        /**
         * A stream never appeared, or could not be read to its end (throttling, errors, still growing) before the
         * deadline: another source should fill in.
         */
        INCOMPLETE
    }

    private final CloudWatchLogsClient logs;
    private final String logGroup;
    private final String driverPath;
    private final LogSink sink;
    private final LongSupplier nanoTime;
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final CompletableFuture<DrainOutcome> drained = new CompletableFuture<>();
    private volatile String problem;
    private volatile Instant deliveredThrough;
    private long drainStartedAt;
    private long drainQuietNanos;
    private long drainMissingGraceNanos;
    private long drainDeadline;
    private long discoveredAt;
    private boolean draining;
    /** The last read returned lines: more are likely waiting. */
    private volatile boolean backlog;
    private volatile boolean stopped;

    private static final class Stream {
        final String kind;
        String name;
        StreamPosition position;
        long lastChangeAt;
        /** When a read last came back with nothing new; only meaningful while {@link #atEnd}. */
        long lastReadAtEnd;
        boolean atEnd;
        /** During a FilterLogEvents read: the position it started from, events of that millisecond seen, news. */
        StreamPosition base;
        int seenAtBase;
        boolean fresh;

        Stream(String kind, StreamPosition position, long now) {
            this.kind = kind;
            this.position = position;
            this.lastChangeAt = now;
        }
    }

    /**
     * @param driverPath stream name prefix of the driver container, e.g.
     *                   {@code pfx/vc/jobs/jr/containers/spark-jr/spark-jr-driver/}
     * @param positions  where each stream was left (resume); missing = from the start
     * @param sink       receives lines in order; called from the poller's thread
     */
    public CloudWatchDriverLog(CloudWatchLogsClient logs, String logGroup, String driverPath,
            Map<String, StreamPosition> positions, LogSink sink, LongSupplier nanoTime) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.logGroup = Objects.requireNonNull(logGroup, "logGroup");
        this.driverPath = Objects.requireNonNull(driverPath, "driverPath");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        for (String kind : STREAMS) {
            streams.put(kind, new Stream(kind, positions.getOrDefault(kind, StreamPosition.START), now));
        }
    }

    /**
     * Lines up to this instant were already delivered by a source without per-stream line counts (the driver
     * pod's log, which merges stdout and stderr): they are counted as delivered but not repeated. CloudWatch
     * timestamps have millisecond precision, so a line the pod did not deliver within that same millisecond
     * would be skipped too.
     */
    public void deliveredThrough(Instant instant) {
        this.deliveredThrough = instant;
    }

    CloudWatchLogsClient client() {
        return logs;
    }

    /** The name prefix shared by this job's driver streams. */
    String driverPath() {
        return driverPath;
    }

    /** Whether a driver stream is still to be found. */
    synchronized boolean missesStreams() {
        return streams.values().stream().anyMatch(s -> s.name == null);
    }

    /** A stream named {@code name} exists (from a lookup made by the poller); false when it is not one of ours. */
    synchronized boolean found(String name) {
        if (!name.startsWith(driverPath)) {
            return false;
        }
        Stream s = streams.get(name.substring(driverPath.length()));
        if (s == null || s.name != null) {
            return false;
        }
        s.name = name;
        s.lastChangeAt = nanoTime.getAsLong();
        return true;
    }

    /**
     * The job has ended while a stream is still missing, and no lookup has started since: only such a lookup can
     * confirm the stream absent and let the drain complete.
     */
    synchronized boolean awaitsLookupAfterEnd() {
        return draining && !drained.isDone() && discoveredAt <= drainStartedAt && missesStreams();
    }

    /** A lookup that started at {@code startedAt} has listed every stream with our prefix. */
    synchronized void lookedUp(long startedAt) {
        discoveredAt = Math.max(discoveredAt, startedAt);
        checkDrained();
    }

    /** Streams found and readable by time (a position written before time cursors is continued by token only). */
    synchronized List<String> batchableStreams() {
        List<String> names = new ArrayList<>();
        for (Stream s : streams.values()) {
            if (s.name != null && s.position.hasTimeCursor()) {
                names.add(s.name);
            }
        }
        return names;
    }

    /** Where reading by time starts for the stream named {@code name}. */
    synchronized long startTime(String name) {
        return streams.values().stream().filter(s -> name.equals(s.name)).findFirst()
                .map(s -> s.position.startTime()).orElse(0L);
    }

    /** A FilterLogEvents read of these streams begins: each skips what its position already covers. */
    synchronized void beginFiltered(List<String> names) {
        if (stopped) {
            return;
        }
        for (Stream s : streams.values()) {
            if (s.name != null && names.contains(s.name)) {
                s.base = s.position;
                s.seenAtBase = 0;
                s.fresh = false;
            }
        }
    }

    /** One event of a FilterLogEvents page, in the stream's time order; kept until {@link #endFiltered}. */
    synchronized void offer(FilteredLogEvent e, List<LogLine> pending) {
        if (stopped) {
            return; // the cursor was taken at the stop: a line consumed now would be read again by whoever resumes
        }
        for (Stream s : streams.values()) {
            if (s.base != null && s.name.equals(e.logStreamName())) {
                long ts = e.timestamp() == null ? 0 : e.timestamp();
                boolean read = ts == s.base.timestamp() ? s.base.covers(ts, s.seenAtBase++) : ts < s.base.timestamp();
                if (read) {
                    return;
                }
                consume(s, ts, e.message(), pending);
                // the forward token stands before this event now: a later GetLogEvents starts from the cursor
                StreamPosition p = s.position;
                s.position = new StreamPosition(p.delivered(), p.cloudWatchLines(), null, p.timestamp(),
                        p.atTimestamp());
                s.fresh = true;
                return;
            }
        }
    }

    /**
     * The FilterLogEvents read ended: its lines go out (their positions have moved already, whatever happens
     * next). {@code complete} = the read went to the last page, so a stream without new events is at its end.
     */
    synchronized void endFiltered(List<LogLine> pending, boolean complete) {
        long now = nanoTime.getAsLong();
        boolean any = false;
        for (Stream s : streams.values()) {
            if (s.base == null) {
                continue;
            }
            s.base = null;
            if (s.fresh) {
                any = true;
                s.lastChangeAt = now;
                s.atEnd = false;
            } else if (complete) {
                s.atEnd = true;
                s.lastReadAtEnd = now;
            }
        }
        backlog = any;
        problem = null;
        deliver(pending);
        checkDrained();
    }

    /** Reads the named stream once with GetLogEvents (a single long backlog, or a token-only position). */
    synchronized void readAlone(String name) {
        if (stopped) {
            return;
        }
        List<LogLine> batch = new ArrayList<>();
        try {
            for (Stream s : streams.values()) {
                if (name.equals(s.name)) {
                    read(s, batch);
                }
            }
            problem = null;
        } finally {
            deliver(batch);
            checkDrained();
        }
    }

    /** Streams found but only readable alone (their position has a token and no time cursor). */
    synchronized List<String> tokenOnlyStreams() {
        List<String> names = new ArrayList<>();
        for (Stream s : streams.values()) {
            if (s.name != null && !s.position.hasTimeCursor()) {
                names.add(s.name);
            }
        }
        return names;
    }

    private void deliver(List<LogLine> batch) {
        // both streams, in time order (the sort is stable, so each stream keeps its own order)
        batch.sort(Comparator.comparing(l -> l.timestamp() == null ? Instant.EPOCH : l.timestamp()));
        batch.forEach(sink::accept);
    }

    /** The stream's full name once discovered, else null. */
    public synchronized String streamName(String kind) {
        return streams.get(kind).name;
    }

    public synchronized Map<String, StreamPosition> positions() {
        Map<String, StreamPosition> m = new LinkedHashMap<>();
        streams.forEach((k, s) -> m.put(k, s.position));
        return m;
    }

    /** The last problem seen (e.g. missing log group, throttling), for a status line; null when none. */
    public String problem() {
        return problem;
    }

    /**
     * The job has ended: keep reading until every stream is found and quiet for {@code quiet}, treating a
     * stream still missing after {@code missingGrace} as absent, and give up at {@code timeout}.
     */
    public synchronized CompletableFuture<DrainOutcome> drain(java.time.Duration quiet, java.time.Duration missingGrace,
            java.time.Duration timeout) {
        if (!draining) {
            draining = true;
            drainStartedAt = nanoTime.getAsLong();
            drainQuietNanos = quiet.toNanos();
            drainMissingGraceNanos = missingGrace.toNanos();
            drainDeadline = drainStartedAt + timeout.toNanos();
            // quiet is measured from the end of the job, not from the last line before it, and only a read made
            // after the end can show that a stream is at its end
            streams.values().forEach(s -> {
                s.lastChangeAt = Math.max(s.lastChangeAt, drainStartedAt);
                s.atEnd = false;
            });
            discoveredAt = drainStartedAt;
        }
        return drained;
    }

    /**
     * Stops reading. Waits for a read in progress, so a cursor taken afterwards ({@link #positions()}) covers every
     * line this log delivered, and no line is delivered after it: whoever resumes from that cursor repeats nothing.
     */
    public void stop() {
        synchronized (this) {
            stopped = true;
        }
        drained.complete(DrainOutcome.INCOMPLETE);
    }

    public boolean isDone() {
        return stopped || drained.isDone();
    }

    /**
     * One step: discover missing streams and read each known one once, as far as the limiter allows.
     * Throws the SDK's exception on failure; the caller classifies it (throttling, missing group).
     *
     * @return false when the limiter ran out of permits before this step was done
     */
    public synchronized boolean poll(CloudWatchRateLimiter limiter) {
        if (isDone()) {
            return true;
        }
        try {
            return readAvailable(limiter);
        } finally {
            checkDrained();
        }
    }

    private boolean readAvailable(CloudWatchRateLimiter limiter) {
        boolean complete = true;
        if (streams.values().stream().anyMatch(s -> s.name == null)) {
            // without a lookup permit, the streams already found are still read: the two budgets are separate
            if (limiter.tryAcquire(CloudWatchRateLimiter.Operation.DESCRIBE_LOG_STREAMS)) {
                discover();
                limiter.succeeded();
            } else {
                complete = false;
            }
        }
        List<LogLine> batch = new ArrayList<>();
        try {
            for (Stream s : streams.values()) {
                if (s.name == null) {
                    continue;
                }
                if (!limiter.tryAcquire(CloudWatchRateLimiter.Operation.GET_LOG_EVENTS)) {
                    complete = false;
                    break;
                }
                read(s, batch);
                limiter.succeeded();
            }
            problem = null;
        } finally {
            // a stream read before another one failed has already moved its position: its lines must go out now,
            // or they are skipped for good
            deliver(batch);
        }
        return complete;
    }

    /**
     * How urgently this log wants the next read: 0 for a job that has ended (its result waits on the drain), 1 for
     * one whose last read returned lines or whose streams are not all found yet, 2 for one that was at its end.
     */
    public synchronized int priority() {
        if (draining) {
            return 0;
        }
        return backlog || streams.values().stream().anyMatch(s -> s.name == null) ? 1 : 2;
    }

    /** Ends a drain whose deadline has passed even when no read reached this log (no permits, a paused limiter). */
    public synchronized void checkDeadline() {
        checkDrained();
    }

    /** Records a failure that is not throttling, e.g. the log group does not exist (yet). */
    public void failed(String problem) {
        this.problem = problem;
        synchronized (this) {
            checkDrained();
        }
    }

    private void discover() {
        String token = null;
        do {
            DescribeLogStreamsResponse page = logs.describeLogStreams(DescribeLogStreamsRequest.builder()
                    .logGroupName(logGroup).logStreamNamePrefix(driverPath).nextToken(token).build());
            for (LogStream ls : page.logStreams()) {
                String name = ls.logStreamName();
                Stream s = streams.get(name.substring(name.lastIndexOf('/') + 1));
                if (s != null && s.name == null && name.equals(driverPath + s.kind)) {
                    s.name = name;
                    s.lastChangeAt = nanoTime.getAsLong();
                }
            }
            token = page.nextToken();
        } while (token != null && streams.values().stream().anyMatch(s -> s.name == null));
        discoveredAt = nanoTime.getAsLong();
    }

    private void read(Stream s, List<LogLine> batch) {
        GetLogEventsRequest.Builder req = GetLogEventsRequest.builder().logGroupName(logGroup).logStreamName(s.name)
                .startFromHead(true);
        StreamPosition base = s.position;
        boolean byToken = base.forwardToken() != null;
        if (byToken) {
            req.nextToken(base.forwardToken());
        } else if (base.timestamp() >= 0) {
            // after a FilterLogEvents read the token is stale: start at the cursor's millisecond (inclusive)
            req.startTime(base.timestamp());
        }
        GetLogEventsResponse page = logs.getLogEvents(req.build());
        int seenAtBase = 0;
        boolean fresh = false;
        for (OutputLogEvent e : page.events()) {
            long ts = e.timestamp() == null ? 0 : e.timestamp();
            if (!byToken && (ts == base.timestamp() ? base.covers(ts, seenAtBase++) : base.covers(ts, 0))) {
                continue;
            }
            consume(s, ts, e.message(), batch);
            fresh = true;
        }
        String token = page.nextForwardToken();
        // a read from the head or a time cursor that found nothing new changed nothing, whatever token came back: the
        // token is not kept (below), so counting it as a change would keep an empty stream from ever being quiet
        boolean changed = fresh || (byToken && token != null && !token.equals(base.forwardToken()));
        long now = nanoTime.getAsLong();
        backlog = fresh;
        if (changed) {
            s.lastChangeAt = now;
            s.atEnd = false;
        } else {
            s.atEnd = true;
            s.lastReadAtEnd = now;
        }
        StreamPosition p = s.position;
        // keep a token only from reads that were not bounded by a start time: a token from a read by time stands
        // for a place among the events after that time, which a later read by token alone need not honour (it would
        // read again what came after the cursor); a token from an empty first read would make the position look
        // token-only (unbatchable)
        boolean keep = token != null && (byToken || (fresh && base.timestamp() < 0));
        s.position = new StreamPosition(p.delivered(), p.cloudWatchLines(), keep ? token : p.forwardToken(),
                p.timestamp(), p.atTimestamp());
    }

    /** One event read from CloudWatch: its lines go to {@code batch} unless another source delivered them. */
    private void consume(Stream s, long ts, String message, List<LogLine> batch) {
        StreamPosition p = s.position;
        long index = p.cloudWatchLines();
        long delivered = p.delivered();
        Instant at = Instant.ofEpochMilli(ts);
        Instant through = deliveredThrough;
        boolean seenElsewhere = through != null && !at.isAfter(through);
        String source = "cloudwatch:" + s.kind;
        for (String text : splitLines(message)) {
            // lines another source (S3, an earlier process, the pod) already delivered are skipped, not repeated
            if (index++ >= delivered) {
                if (!seenElsewhere) {
                    batch.add(new LogLine(source, at, text));
                }
                delivered++;
            }
        }
        // a position resumed from a token alone cannot tell how many events of a millisecond came before the
        // token, so it gets no time cursor and stays on GetLogEvents
        boolean tokenOnly = !p.hasTimeCursor();
        int atTs = ts == p.timestamp() ? p.atTimestamp() + 1 : 1;
        s.position = new StreamPosition(Math.max(delivered, index), index, p.forwardToken(), tokenOnly ? -1 : ts,
                tokenOnly ? 0 : atTs);
    }

    private void checkDrained() {
        if (!draining || drained.isDone()) {
            return;
        }
        long now = nanoTime.getAsLong();
        // Time alone proves nothing: while reads are throttled or failing nothing changes either. A stream counts
        // as quiet only when a read made at least the quiet period after its last change still found nothing new.
        boolean foundQuiet = streams.values().stream().filter(s -> s.name != null)
                .allMatch(s -> s.atEnd && s.lastReadAtEnd - s.lastChangeAt >= drainQuietNanos);
        boolean allFound = streams.values().stream().allMatch(s -> s.name != null);
        // likewise a stream is missing only if a lookup made after the grace period still did not find it
        boolean missingConfirmed = discoveredAt - drainStartedAt >= drainMissingGraceNanos;
        if (foundQuiet && allFound) {
            drained.complete(DrainOutcome.COMPLETE);
        } else if ((foundQuiet && missingConfirmed) || now - drainDeadline >= 0) {
            drained.complete(DrainOutcome.INCOMPLETE);
        }
    }

    /** A CloudWatch event is one line as shipped; a message with embedded newlines is several lines. */
    static List<String> splitLines(String message) {
        if (message == null || message.isEmpty()) {
            return List.of("");
        }
        String m = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        return List.of(m.split("\r?\n", -1));
    }
}
