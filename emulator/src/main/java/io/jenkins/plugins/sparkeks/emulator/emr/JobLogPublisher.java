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
 * Plays a job run's output into CloudWatch and S3 up to "now", the way EMR's fluentd sidecar would: the job-runner's
 * stream comes to exist {@code streamLag} after submission, the driver's streams {@code streamLag} after the driver
 * started, lines printed before that appear together then, and at the end the driver's whole output lands in S3 as
 * gzip. Called before every request, so what a caller sees
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
        if (run.settled) {
            return;
        }
        boolean toCloudWatch = run.request.logGroupName().isPresent();
        List<TimedLine> jobRunner = timeline.jobRunnerStarted() ? timeline.jobRunnerLines(run.id) : List.of();
        Instant jobRunnerAt = timeline.submittedStart().plus(streamLag);
        if (toCloudWatch && !jobRunner.isEmpty() && !now.isBefore(jobRunnerAt)) {
            run.jobRunnerPublished = publish(run, DriverLogLayout.jobRunnerStream(run.request.logStreamNamePrefix(),
                    run.virtualClusterId(), run.id), jobRunner, run.jobRunnerPublished, jobRunnerAt, now);
        }
        boolean jobRunnerDone = !toCloudWatch || run.jobRunnerPublished == jobRunner.size();
        if (!timeline.driverStarted()) {
            run.settled = timeline.isTerminalAt(now) && jobRunnerDone;
            return;
        }
        List<TimedLine> stdout = run.driverOutput(true);
        List<TimedLine> stderr = run.driverOutput(false);
        Instant streamsAt = timeline.runningStart().plus(streamLag);
        if (toCloudWatch && !now.isBefore(streamsAt)) {
            run.stdoutPublished = publish(run, driverStream(run, "stdout"), stdout, run.stdoutPublished, streamsAt,
                    now);
            run.stderrPublished = publish(run, driverStream(run, "stderr"), stderr, run.stderrPublished, streamsAt,
                    now);
        }
        if (run.request.logUri().isPresent() && !run.uploadedToS3) {
            timeline.finishedAt(now).ifPresent(finished -> {
                upload(run, "stdout", stdout, finished);
                upload(run, "stderr", stderr, finished);
                run.uploadedToS3 = true;
            });
        }
        // a finished run whose output is all out never changes again: later requests skip it
        boolean cloudWatchDone = !toCloudWatch || (!now.isBefore(streamsAt) && run.stdoutPublished == stdout.size()
                && run.stderrPublished == stderr.size());
        boolean s3Done = run.request.logUri().isEmpty() || run.uploadedToS3;
        run.settled = timeline.isTerminalAt(now) && jobRunnerDone && cloudWatchDone && s3Done;
    }

    private static String driverStream(JobRun run, String file) {
        return DriverLogLayout.stream(run.request.logStreamNamePrefix(), run.virtualClusterId(), run.id, file);
    }

    private int publish(JobRun run, String stream, List<TimedLine> lines, int published, Instant streamsAt,
                        Instant now) {
        String group = run.request.logGroupName().orElseThrow();
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
