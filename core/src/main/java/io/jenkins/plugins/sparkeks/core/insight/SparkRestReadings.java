package io.jenkins.plugins.sparkeks.core.insight;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the monitoring REST API's {@code jobs}, {@code stages} and {@code allexecutors} arrays (Spark 3.5 and 4.0
 * shapes: {@code JobData}, {@code StageData}, {@code ExecutorSummary}) into a snapshot. Unknown fields are ignored,
 * missing ones read as zero, so a newer Spark that adds fields still reads.
 */
final class SparkRestReadings {

    private SparkRestReadings() {}

    static SparkSnapshot snapshot(JsonNode jobs, JsonNode stages, JsonNode executors, Instant now) {
        int succeeded = 0;
        int running = 0;
        int failed = 0;
        JsonNode newestFailed = null;
        for (JsonNode job : jobs) {
            switch (job.path("status").asText()) {
                case "SUCCEEDED" -> succeeded++;
                case "RUNNING" -> running++;
                case "FAILED" -> {
                    failed++;
                    if (newestFailed == null || job.path("jobId").asInt() > newestFailed.path("jobId").asInt()) {
                        newestFailed = job;
                    }
                }
                default -> { }
            }
        }
        // a stage retried after a fetch failure is listed once per attempt: its last attempt tells its outcome
        Map<Integer, JsonNode> lastAttempt = new HashMap<>();
        int failedTasks = 0;
        for (JsonNode stage : stages) {
            failedTasks += stage.path("numFailedTasks").asInt();
            lastAttempt.merge(stage.path("stageId").asInt(), stage,
                    (a, b) -> b.path("attemptId").asInt() > a.path("attemptId").asInt() ? b : a);
        }
        int completed = 0;
        int active = 0;
        int stagesFailed = 0;
        int skipped = 0;
        JsonNode current = null;
        for (JsonNode stage : lastAttempt.values()) {
            switch (stage.path("status").asText()) {
                case "COMPLETE" -> completed++;
                case "FAILED" -> stagesFailed++;
                case "SKIPPED" -> skipped++;
                case "ACTIVE" -> {
                    active++;
                    if (current == null || stage.path("stageId").asInt() > current.path("stageId").asInt()) {
                        current = stage;
                    }
                }
                default -> { }
            }
        }
        Integer alive = null;
        Integer lost = null;
        if (executors != null && executors.isArray()) {
            alive = 0;
            lost = 0;
            for (JsonNode e : executors) {
                if ("driver".equals(e.path("id").asText())) {
                    continue;
                }
                if (e.path("isActive").asBoolean(true)) {
                    alive++;
                } else {
                    lost++;
                }
            }
        }
        return new SparkSnapshot(SparkSnapshot.Source.LIVE, now, succeeded, running, failed, completed, active,
                stagesFailed, skipped, current == null ? null : stageLabel(current),
                current == null ? 0 : current.path("numCompleteTasks").asInt(),
                current == null ? 0 : current.path("numTasks").asInt(), failedTasks, alive, lost,
                newestFailed == null ? null : failure(newestFailed, lastAttempt));
    }

    private static String stageLabel(JsonNode stage) {
        String name = text(stage, "name");
        return stage.path("stageId").asInt() + (name == null ? "" : " (" + name + ")");
    }

    /** JobData has no failure reason of its own: Spark puts it on the job's failed stage. */
    private static SparkFailure failure(JsonNode job, Map<Integer, JsonNode> stages) {
        JsonNode failedStage = null;
        for (JsonNode id : job.path("stageIds")) {
            JsonNode s = stages.get(id.asInt());
            if (s != null && "FAILED".equals(s.path("status").asText())) {
                failedStage = s;
                break;
            }
        }
        String description = text(job, "description");
        return new SparkFailure(job.path("jobId").asInt(), description != null ? description : text(job, "name"),
                failedStage == null ? null : failedStage.path("stageId").asInt(),
                failedStage == null ? null : text(failedStage, "name"),
                failedStage == null ? null : text(failedStage, "failureReason"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
