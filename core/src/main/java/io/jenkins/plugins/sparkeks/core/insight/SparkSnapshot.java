package io.jenkins.plugins.sparkeks.core.insight;

import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Spark said about its own jobs at one moment: counts by outcome, the stage being worked on, executors, and
 * the newest failed job. Immutable and free of secrets; read from the driver's REST API or from the event log.
 *
 * @param source            where the numbers come from
 * @param observedAt        when they were read
 * @param jobsSucceeded     jobs that ended successfully
 * @param jobsRunning       jobs still running
 * @param jobsFailed        jobs that failed
 * @param stagesCompleted   stages that completed
 * @param stagesActive      stages running now
 * @param stagesFailed      stages that failed (their last attempt)
 * @param stagesSkipped     stages skipped because their output was already computed
 * @param currentStage      the newest active stage as {@code id (name)}, null when none is active
 * @param stageTasksDone    completed tasks of the current stage
 * @param stageTasksTotal   tasks of the current stage
 * @param failedTasks       failed task attempts over all stages
 * @param executorsAlive    executors alive (the driver not counted); null when unknown (event log without them)
 * @param executorsLost     executors removed or lost; null when unknown
 * @param failure           the newest failed job, null when none failed
 */
public record SparkSnapshot(
        Source source,
        Instant observedAt,
        int jobsSucceeded,
        int jobsRunning,
        int jobsFailed,
        int stagesCompleted,
        int stagesActive,
        int stagesFailed,
        int stagesSkipped,
        String currentStage,
        int stageTasksDone,
        int stageTasksTotal,
        int failedTasks,
        Integer executorsAlive,
        Integer executorsLost,
        SparkFailure failure)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where a snapshot was read. */
    public enum Source {
        /** The running driver's monitoring REST API, through the Kubernetes API server. */
        LIVE,
        /** The application's event log, read after the driver ended. */
        EVENT_LOG
    }

    /**
     * True when {@code other} would print the same progress line: the time alone is no change worth a console line.
     */
    public boolean sameProgress(SparkSnapshot other) {
        return other != null && progressLine().equals(other.progressLine());
    }

    /** {@code Spark: jobs 3 done, 1 running, 0 failed · stage 4 (count at Pi.scala:38) 180/200 tasks · 2 failed tasks · executors 4 alive, 1 lost}. */
    public String progressLine() {
        StringBuilder sb = new StringBuilder("Spark: jobs ")
                .append(jobsSucceeded).append(" done, ")
                .append(jobsRunning).append(" running, ")
                .append(jobsFailed).append(" failed");
        if (currentStage != null) {
            sb.append(" · stage ").append(currentStage).append(' ')
                    .append(stageTasksDone).append('/').append(stageTasksTotal).append(" tasks");
        }
        if (failedTasks > 0) {
            sb.append(" · ").append(failedTasks).append(" failed task").append(failedTasks == 1 ? "" : "s");
        }
        if (executorsAlive != null) {
            sb.append(" · executors ").append(executorsAlive).append(" alive");
            if (executorsLost != null && executorsLost > 0) {
                sb.append(", ").append(executorsLost).append(" lost");
            }
        }
        return sb.toString();
    }

    /** Plain values with stable keys for the result map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.name());
        m.put("observedAt", observedAt.toString());
        Map<String, Object> jobs = new LinkedHashMap<>();
        jobs.put("succeeded", jobsSucceeded);
        jobs.put("running", jobsRunning);
        jobs.put("failed", jobsFailed);
        m.put("jobs", jobs);
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("completed", stagesCompleted);
        stages.put("active", stagesActive);
        stages.put("failed", stagesFailed);
        stages.put("skipped", stagesSkipped);
        m.put("stages", stages);
        m.put("failedTasks", failedTasks);
        if (executorsAlive != null) {
            m.put("executorsAlive", executorsAlive);
        }
        if (executorsLost != null) {
            m.put("executorsLost", executorsLost);
        }
        if (failure != null) {
            m.put("failedJobId", failure.jobId());
            putIfPresent(m, "failedJobDescription", failure.description());
            putIfPresent(m, "failedStageId", failure.stageId());
            putIfPresent(m, "failedStageName", failure.stageName());
            putIfPresent(m, "failureReason", failure.reason());
        }
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
