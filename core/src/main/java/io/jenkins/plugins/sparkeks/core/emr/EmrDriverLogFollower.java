package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.k8s.logs.PodLogPosition;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchDriverLog;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.StreamPosition;
import io.jenkins.plugins.sparkeks.core.logs.s3.S3DriverLogReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One job run's driver log, from whichever source has it, each line once:
 * <ol>
 * <li>the driver pod, when Kubernetes access was given: freshest while the driver runs; if it delivered the
 * whole log, nothing else is read;</li>
 * <li>CloudWatch, live when there is no pod access, or after the pod went away early (skipping what the pod
 * delivered, by timestamp);</li>
 * <li>S3 after the end, when CloudWatch is not configured or missed the tail (skipping by line count).</li>
 * </ol>
 * Positions go into the reference's {@link LogCursor}: {@code pod}, {@code driver:stdout}, {@code driver:stderr}.
 */
final class EmrDriverLogFollower {

    static final String CURSOR_PREFIX = "driver:";
    static final String POD = "pod";

    private final EmrJobRunReference ref;
    private final CloudWatchLogsClient logs;
    private final S3Client s3;
    private final DriverPodLogs pods;
    private final CloudWatchRateLimiter limiter;
    private final EmrWatchMachinery machinery;
    private final LogSink out;
    private final Consumer<String> diagnostics;
    private final Map<String, StreamPosition> positions = new LinkedHashMap<>();
    private volatile CloudWatchDriverLog cloudWatch;
    private volatile DriverPodLogs.PodLog pod;
    private volatile String podPosition;
    private volatile boolean stopped;
    private volatile String incompleteNote;
    /**
     * A process before this one had gone on from the pod to CloudWatch or S3: the pod's position stands before the
     * lines those delivered, so the pod is not read again (it may still be there with its whole log).
     */
    private final boolean podHandedOver;

    EmrDriverLogFollower(EmrJobRunReference ref, CloudWatchLogsClient logs, S3Client s3, DriverPodLogs pods,
            CloudWatchRateLimiter limiter, EmrWatchMachinery machinery, LogSink out, Consumer<String> diagnostics) {
        this.ref = ref;
        this.logs = logs;
        this.s3 = s3;
        this.pods = ref.namespace() == null ? null : pods;
        this.limiter = limiter;
        this.machinery = machinery;
        this.out = out;
        this.diagnostics = diagnostics;
        for (String stream : CloudWatchDriverLog.STREAMS) {
            positions.put(stream, StreamPosition.decode(ref.logCursor().position(CURSOR_PREFIX + stream)));
        }
        this.podPosition = ref.logCursor().position(POD);
        this.podHandedOver = positions.values().stream().anyMatch(p -> p.delivered() > 0 || p.cloudWatchLines() > 0);
    }

    /** Starts following live: CloudWatch now, unless the pod will be followed once the driver runs. */
    void start() {
        if (pods == null) {
            startCloudWatch(null);
        }
    }

    /** EMR reports the driver running: its pod exists now. */
    synchronized void driverRunning() {
        if (pods != null && pod == null && !stopped && !podHandedOver) {
            pod = pods.follow(ref.namespace(), ref.driverPodName(), podPosition, this::deliver, diagnostics);
        }
    }

    /** The job has ended: deliver the rest of the log, then complete. Never completes exceptionally. */
    CompletableFuture<Void> drain() {
        if (pods == null) {
            return drainCloudWatch();
        }
        if (podHandedOver) {
            PodLogPosition at = PodLogPosition.decode(podPosition);
            return afterPod(at == null ? null : at.timestamp());
        }
        driverRunning();
        DriverPodLogs.PodLog p = pod;
        if (p == null) {
            return CompletableFuture.completedFuture(null);
        }
        p.podTerminated();
        return p.drained().thenCompose(complete -> {
            podPosition = p.position() != null ? p.position() : podPosition;
            if (complete || stopped) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            return afterPod(p.lastTimestamp());
        }).exceptionally(e -> null);
    }

    /** The pod's log ended short after {@code through} (null: it gave nothing): the rest from CloudWatch or S3. */
    private CompletableFuture<Void> afterPod(Instant through) {
        if (ref.logLocation().hasCloudWatch() && logs != null) {
            startCloudWatch(through);
            return drainCloudWatch();
        }
        if (through == null) {
            return drainCloudWatch(); // the pod gave nothing: S3 from the start repeats nothing
        }
        if (ref.logLocation().hasS3()) {
            incomplete("The driver log shown is incomplete: the driver pod went away before its end, and the S3"
                    + " copy has no timestamps to continue from without repeating lines.");
        }
        return CompletableFuture.completedFuture(null);
    }

    /** After {@link #drain()}: null when the whole log was delivered, else why not and where the rest is. */
    String incompleteNote() {
        return incompleteNote;
    }

    void stop() {
        CloudWatchDriverLog cw;
        synchronized (this) {
            // under the lock startCloudWatch takes: either it sees this stop, or this sees its follower and stops it
            stopped = true;
            cw = cloudWatch;
        }
        if (cw != null) {
            cw.stop();
        }
        DriverPodLogs.PodLog p = pod;
        if (p != null) {
            p.stop();
        }
    }

    /** Positions of every source as of the last delivered line, merged into {@code base}. */
    LogCursor cursor(LogCursor base) {
        Map<String, StreamPosition> now;
        synchronized (this) {
            now = new LinkedHashMap<>(positions);
        }
        CloudWatchDriverLog cw = cloudWatch;
        if (cw != null) {
            cw.positions().forEach((k, p) -> now.merge(k, p, EmrDriverLogFollower::further));
        }
        LogCursor c = base;
        for (Map.Entry<String, StreamPosition> e : now.entrySet()) {
            c = c.with(CURSOR_PREFIX + e.getKey(), e.getValue().encode());
        }
        DriverPodLogs.PodLog p = pod;
        String podAt = p != null && p.position() != null ? p.position() : podPosition;
        return podAt == null ? c : c.with(POD, podAt);
    }

    private void startCloudWatch(Instant podDeliveredThrough) {
        EmrLogLocation loc = ref.logLocation();
        if (!loc.hasCloudWatch() || logs == null || stopped) {
            return;
        }
        String driverPath = EmrLogLocation.driverPath(loc.logStreamPrefix(), ref.virtualClusterId(), ref.jobRunId());
        CloudWatchDriverLog cw;
        synchronized (this) {
            if (stopped) {
                return; // detached or stopped meanwhile: a follower started now would deliver past the saved cursor
            }
            cw = new CloudWatchDriverLog(logs, loc.logGroup(), driverPath, Map.copyOf(positions), this::deliver, System::nanoTime);
            cw.deliveredThrough(podDeliveredThrough);
            cloudWatch = cw;
        }
        machinery.follow(logs, loc.logGroup(), limiter, cw);
    }

    private CompletableFuture<Void> drainCloudWatch() {
        EmrPollSettings s = machinery.settings();
        CloudWatchDriverLog cw = cloudWatch;
        CompletableFuture<CloudWatchDriverLog.DrainOutcome> cloudWatchDone = cw == null
                ? CompletableFuture.completedFuture(CloudWatchDriverLog.DrainOutcome.INCOMPLETE)
                : cw.drain(s.logQuietPeriod(), s.logMissingGrace(), s.logDrainTimeout());
        return cloudWatchDone.thenCompose(outcome -> {
            if (cw != null) {
                synchronized (this) {
                    positions.putAll(cw.positions());
                }
            }
            if (outcome == CloudWatchDriverLog.DrainOutcome.COMPLETE || stopped || !ref.logLocation().hasS3() || s3 == null) {
                if (outcome != CloudWatchDriverLog.DrainOutcome.COMPLETE && cw != null && !stopped) {
                    incomplete("The driver log shown may be incomplete: " + whyCloudWatchFellShort(cw, s)
                            + (cw.problem() == null ? "" : " (" + cw.problem() + ")") + ".");
                }
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.supplyAsync(this::readS3, machinery.scheduler()).thenCompose(read -> read);
        }).exceptionally(e -> null);
    }

    private static StreamPosition further(StreamPosition a, StreamPosition b) {
        if (a.cloudWatchLines() != b.cloudWatchLines()) {
            StreamPosition cw = a.cloudWatchLines() > b.cloudWatchLines() ? a : b;
            return cw.withDelivered(Math.max(a.delivered(), b.delivered()));
        }
        return a.delivered() >= b.delivered() ? a : b;
    }

    private CompletableFuture<Void> readS3() {
        S3DriverLogReader.Location dir = S3DriverLogReader.Location.of(ref.logLocation().s3LogUri(),
                EmrLogLocation.driverPath(null, ref.virtualClusterId(), ref.jobRunId()));
        S3LogDrain.Progress progress = new S3LogDrain.Progress() {
            @Override
            public long delivered(String stream) {
                synchronized (EmrDriverLogFollower.this) {
                    return positions.get(stream).delivered();
                }
            }

            @Override
            public void readTo(String stream, long total) {
                synchronized (EmrDriverLogFollower.this) {
                    if (stopped) {
                        return; // lines of a read in flight at the stop were refused: a resume must read them
                    }
                    positions.put(stream, positions.get(stream).withDelivered(total));
                }
            }

            @Override
            public boolean stopped() {
                return stopped;
            }
        };
        return new S3LogDrain(new S3DriverLogReader(s3), dir, CloudWatchDriverLog.STREAMS, machinery.settings(),
                machinery.scheduler(), progress, this::deliver, diagnostics, this::incomplete).run();
    }

    private static String whyCloudWatchFellShort(CloudWatchDriverLog cw, EmrPollSettings s) {
        List<String> missing = CloudWatchDriverLog.STREAMS.stream().filter(k -> cw.streamName(k) == null).toList();
        return missing.isEmpty()
                ? "CloudWatch Logs could not be read to its end within " + EmrJobWatch.human(s.logDrainTimeout())
                        + " after the job ended"
                : "the driver's " + String.join(" and ", missing) + " stream" + (missing.size() > 1 ? "s" : "")
                        + " did not appear in CloudWatch Logs";
    }

    /** Lines will be missing from the console: say so there and in the result, with where the whole log is. */
    private void incomplete(String why) {
        String note = why + " " + whereTheLogIs();
        if (incompleteNote == null) {
            incompleteNote = note;
        }
        diagnostics.accept(note);
    }

    private String whereTheLogIs() {
        EmrLogLocation loc = ref.logLocation();
        List<String> places = new java.util.ArrayList<>();
        if (loc.hasCloudWatch()) {
            String path = EmrLogLocation.driverPath(loc.logStreamPrefix(), ref.virtualClusterId(), ref.jobRunId());
            places.add("CloudWatch Logs group " + loc.logGroup() + ", streams " + path + "stdout and " + path + "stderr");
        }
        if (loc.hasS3()) {
            String base = loc.s3LogUri().endsWith("/") ? loc.s3LogUri() : loc.s3LogUri() + "/";
            places.add("S3 under " + base + EmrLogLocation.driverPath(null, ref.virtualClusterId(), ref.jobRunId()));
        }
        return places.isEmpty() ? "No other copy of the log is configured."
                : "The whole log is in " + String.join("; and in ", places) + ".";
    }

    private void deliver(LogLine line) {
        synchronized (this) {
            if (line.source().startsWith("s3:")) {
                if (stopped) {
                    return; // neither counted nor shown: the cursor taken at the stop stays exact for a resume
                }
                String stream = line.source().substring(3);
                // counted as it goes so that a cursor taken mid-read is exact
                positions.put(stream, positions.get(stream).withDelivered(positions.get(stream).delivered() + 1));
            }
            out.accept(line);
        }
    }
}
