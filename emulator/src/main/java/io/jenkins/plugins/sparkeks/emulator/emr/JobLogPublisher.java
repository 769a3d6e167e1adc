package io.jenkins.plugins.sparkeks.emulator.emr;

import io.jenkins.plugins.sparkeks.emulator.emr.JobTimeline.TimedLine;
import io.jenkins.plugins.sparkeks.emulator.logs.LogStore;
import io.jenkins.plugins.sparkeks.emulator.s3.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Plays a job run's driver output into CloudWatch and S3 up to "now", the way EMR's fluentd sidecar would: the
 * streams come to exist only {@code streamLag} after the driver started, lines printed before that appear together
 * then, and at the end the whole output lands in S3 as gzip. Called before every request, so what a caller sees
 * depends only on the clock.
 */
final class JobLogPublisher {
    private final LogStore logs;
    private final ObjectStore objects;

    JobLogPublisher(LogStore logs, ObjectStore objects) {
        this.logs = logs;
        this.objects = objects;
    }

    void catchUp(JobRun run, Instant now, Duration streamLag) {
        JobTimeline timeline = run.timeline();
        if (!timeline.driverStarted()) {
            return;
        }
        List<TimedLine> stdout = timeline.timed(timeline.script().stdout());
        List<TimedLine> stderr = timeline.timed(timeline.script().stderr());
        Instant streamsAt = timeline.runningStart().plus(streamLag);
        if (run.request.logGroupName().isPresent() && !now.isBefore(streamsAt)) {
            run.stdoutPublished = publish(run, "stdout", stdout, run.stdoutPublished, streamsAt, now);
            run.stderrPublished = publish(run, "stderr", stderr, run.stderrPublished, streamsAt, now);
        }
        if (run.request.logUri().isPresent() && !run.uploadedToS3) {
            timeline.finishedAt(now).ifPresent(finished -> {
                upload(run, "stdout", stdout, finished);
                upload(run, "stderr", stderr, finished);
                run.uploadedToS3 = true;
            });
        }
    }

    private int publish(JobRun run, String file, List<TimedLine> lines, int published, Instant streamsAt,
                        Instant now) {
        String group = run.request.logGroupName().orElseThrow();
        String stream = DriverLogLayout.stream(run.request.logStreamNamePrefix(), run.virtualClusterId(), run.id,
                file);
        logs.createStream(group, stream, streamsAt);
        int next = published;
        while (next < lines.size() && !lines.get(next).at().isAfter(now)) {
            TimedLine line = lines.get(next);
            Instant ingested = line.at().isBefore(streamsAt) ? streamsAt : line.at();
            logs.append(group, stream, line.at(), ingested, line.text());
            next++;
        }
        return next;
    }

    private void upload(JobRun run, String file, List<TimedLine> lines, Instant at) {
        String[] target = DriverLogLayout.s3Object(run.request.logUri().orElseThrow(), run.virtualClusterId(), run.id,
                file);
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.text()).append('\n'));
        objects.put(target[0], target[1], gzip(text.toString()), at);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
