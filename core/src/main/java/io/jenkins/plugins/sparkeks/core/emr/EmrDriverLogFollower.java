package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchDriverLog;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.StreamPosition;
import io.jenkins.plugins.sparkeks.core.logs.s3.S3DriverLogReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One job run's driver log, from whichever source has it: CloudWatch while the job runs (and for the tail), then
 * S3 when CloudWatch is not configured or did not deliver the whole tail. Both sources count lines per stream in
 * the same {@link StreamPosition}, so the handover neither repeats nor loses a line, and the positions go into the
 * reference's {@link LogCursor} under {@code driver:stdout} / {@code driver:stderr} for resume.
 */
final class EmrDriverLogFollower {

    static final String CURSOR_PREFIX = "driver:";

    private final EmrJobRunReference ref;
    private final CloudWatchLogsClient logs;
    private final S3Client s3;
    private final CloudWatchRateLimiter limiter;
    private final EmrWatchMachinery machinery;
    private final LogSink out;
    private final Consumer<String> diagnostics;
    private final Map<String, StreamPosition> positions = new LinkedHashMap<>();
    private volatile CloudWatchDriverLog cloudWatch;
    private volatile boolean stopped;

    EmrDriverLogFollower(EmrJobRunReference ref, CloudWatchLogsClient logs, S3Client s3, CloudWatchRateLimiter limiter,
            EmrWatchMachinery machinery, LogSink out, Consumer<String> diagnostics) {
        this.ref = ref;
        this.logs = logs;
        this.s3 = s3;
        this.limiter = limiter;
        this.machinery = machinery;
        this.out = out;
        this.diagnostics = diagnostics;
        for (String stream : CloudWatchDriverLog.STREAMS) {
            positions.put(stream, StreamPosition.decode(ref.logCursor().position(CURSOR_PREFIX + stream)));
        }
    }

    /** Starts following CloudWatch live, when the job ships its logs there. */
    void start() {
        EmrLogLocation loc = ref.logLocation();
        if (!loc.hasCloudWatch() || logs == null) {
            return;
        }
        String driverPath = EmrLogLocation.driverPath(loc.logStreamPrefix(), ref.virtualClusterId(), ref.jobRunId());
        CloudWatchDriverLog cw;
        synchronized (this) {
            cw = new CloudWatchDriverLog(logs, loc.logGroup(), driverPath, Map.copyOf(positions), this::deliver, System::nanoTime);
            cloudWatch = cw;
        }
        machinery.follow(logs, loc.logGroup(), limiter, cw);
    }

    /** The job has ended: deliver the rest of the log, then complete. Never completes exceptionally. */
    CompletableFuture<Void> drain() {
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
                    diagnostics.accept("The driver log in CloudWatch may be incomplete"
                            + (cw.problem() == null ? "" : " (" + cw.problem() + ")") + " and no S3 log URI is configured.");
                }
                return CompletableFuture.<Void>completedFuture(null);
            }
            return CompletableFuture.runAsync(this::readS3, machinery.scheduler());
        }).exceptionally(e -> null);
    }

    void stop() {
        stopped = true;
        CloudWatchDriverLog cw = cloudWatch;
        if (cw != null) {
            cw.stop();
        }
    }

    /** Positions of every stream as of the last delivered line, merged into {@code base}. */
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
        return c;
    }

    private static StreamPosition further(StreamPosition a, StreamPosition b) {
        if (a.cloudWatchLines() != b.cloudWatchLines()) {
            StreamPosition cw = a.cloudWatchLines() > b.cloudWatchLines() ? a : b;
            return cw.withDelivered(Math.max(a.delivered(), b.delivered()));
        }
        return a.delivered() >= b.delivered() ? a : b;
    }

    private void readS3() {
        S3DriverLogReader reader = new S3DriverLogReader(s3);
        S3DriverLogReader.Location dir = S3DriverLogReader.Location.of(ref.logLocation().s3LogUri(),
                EmrLogLocation.driverPath(null, ref.virtualClusterId(), ref.jobRunId()));
        for (String stream : CloudWatchDriverLog.STREAMS) {
            if (stopped) {
                return;
            }
            StreamPosition p;
            synchronized (this) {
                p = positions.get(stream);
            }
            try {
                long total = reader.read(dir, stream, p.delivered(), this::deliver);
                synchronized (this) {
                    positions.put(stream, positions.get(stream).withDelivered(total));
                }
            } catch (SdkException | java.io.UncheckedIOException e) {
                diagnostics.accept("Could not read the driver " + stream + " from S3: " + AwsErrors.describe(e));
            }
        }
    }

    private void deliver(LogLine line) {
        synchronized (this) {
            if (line.source().startsWith("s3:")) {
                String stream = line.source().substring(3);
                // counted as it goes so that a cursor taken mid-read is exact
                positions.put(stream, positions.get(stream).withDelivered(positions.get(stream).delivered() + 1));
            }
            out.accept(line);
        }
    }
}
