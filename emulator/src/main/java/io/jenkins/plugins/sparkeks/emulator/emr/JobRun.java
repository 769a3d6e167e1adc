package io.jenkins.plugins.sparkeks.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.sparkeks.emulator.DriverHost;
import io.jenkins.plugins.sparkeks.emulator.JobRunRequest;
import io.jenkins.plugins.sparkeks.emulator.StartedJobRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One accepted job run: what was asked (parsed and as sent), who asked, its timeline, and how much of its output has
 * been published to CloudWatch and S3 so far. Mutated only under the model lock.
 */
final class JobRun {
    final String id;
    final String arn;
    final String createdBy;
    final JobRunRequest request;
    final JsonNode body;
    private JobTimeline timeline;
    int stdoutPublished;
    int stderrPublished;
    int jobRunnerPublished;
    boolean uploadedToS3;
    boolean settled;
    /** The host running this run's driver, or null when the run follows its script. */
    private DriverHost.Hosted hosted;
    private boolean driverRunning;
    private boolean driverEnded;
    /** What the host's driver printed, as it reported it. */
    private final List<JobTimeline.TimedLine> hostedOutput = new ArrayList<>();

    JobRun(String id, String arn, String createdBy, JobRunRequest request, JsonNode body, JobTimeline timeline) {
        this.id = id;
        this.arn = arn;
        this.createdBy = createdBy;
        this.request = request;
        this.body = body;
        this.timeline = timeline;
    }

    JobTimeline timeline() {
        return timeline;
    }

    void cancel(Instant at) {
        timeline = timeline.cancelledAt(at);
        if (hosted != null && !driverEnded) {
            hosted.cancel();
        }
    }

    /** From now on the driver is {@code host}'s: the run waits in SUBMITTED for its reports. */
    void hostedBy(DriverHost.Hosted host) {
        this.hosted = host;
        this.timeline = JobTimeline.hosted(timeline.script(), timeline.createdAt());
    }

    boolean isHosted() {
        return hosted != null;
    }

    /** The host's driver started at {@code at}; ignored once cancelled or ended. */
    void driverRunning(Instant at) {
        if (hosted != null && !driverRunning && !driverEnded && timeline.cancelRequestedAt() == null) {
            driverRunning = true;
            timeline = timeline.driverRunningAt(at);
        }
    }

    /** A line the host's driver printed at {@code at}; dropped once the driver ended or the run was cancelled. */
    void driverPrinted(Instant at, String line) {
        if (hosted != null && !driverEnded && timeline.cancelRequestedAt() == null) {
            hostedOutput.add(new JobTimeline.TimedLine(at, line));
        }
    }

    /** The driver's stdout and stderr lines with their times: the host's report, else the script's. */
    List<JobTimeline.TimedLine> driverOutput(boolean stdout) {
        if (hosted != null) {
            return stdout ? List.copyOf(hostedOutput) : List.of();
        }
        return timeline.timed(stdout ? timeline.script().stdout() : timeline.script().stderr());
    }

    /** The host's driver ended at {@code at}: COMPLETED, or FAILED with {@code details}; ignored once cancelled. */
    void driverEnded(Instant at, boolean succeeded, String details) {
        if (hosted != null && !driverEnded && timeline.cancelRequestedAt() == null) {
            driverEnded = true;
            timeline = timeline.driverEndedAt(at, succeeded ? null : "USER_ERROR", succeeded ? null : details);
        }
    }

    Instant createdAt() {
        return timeline.createdAt();
    }

    String virtualClusterId() {
        return request.virtualClusterId();
    }

    StartedJobRun view() {
        return new StartedJobRun(id, request, timeline.script(), timeline.createdAt());
    }
}
