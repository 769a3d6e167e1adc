package io.jenkins.plugins.sparkeks.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.sparkeks.emulator.JobRunRequest;
import io.jenkins.plugins.sparkeks.emulator.StartedJobRun;
import java.time.Instant;

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
