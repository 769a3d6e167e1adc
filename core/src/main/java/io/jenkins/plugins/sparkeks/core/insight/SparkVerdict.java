package io.jenkins.plugins.sparkeks.core.insight;

import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.ArrayList;
import java.util.List;

/** Judges a finished job from Spark's own job results as well as from the driver's exit. */
public final class SparkVerdict {

    /** The reason of a driver that ended successfully although a Spark job of its own failed. */
    public static final String SPARK_JOB_FAILED = "SparkJobFailed";

    private SparkVerdict() {}

    /**
     * The result with {@code insight} attached; a success becomes FAILED ({@link #SPARK_JOB_FAILED}) when Spark
     * reported a failed job and {@code failOnSparkJobFailure} is set. Any other outcome is left as the driver's.
     */
    public static JobResult judge(JobResult result, SparkInsight insight, boolean failOnSparkJobFailure) {
        JobResult.Builder b = result.toBuilder().spark(insight);
        if (!result.success() || insight == null || insight.failedJobs() == 0) {
            return b.build();
        }
        SparkFailure f = insight.last().failure();
        String what = f != null ? f.sentence() : insight.failedJobs() + " Spark job(s) failed";
        if (!failOnSparkJobFailure) {
            List<String> lines = new ArrayList<>(result.explanation());
            lines.add("The driver succeeded, but " + lower(what) + " (failOnSparkJobFailure is off, so the step passes).");
            return b.explanation(lines).build();
        }
        String exit = result.exitCode() == null ? "ended successfully" : "exited " + result.exitCode();
        List<String> lines = new ArrayList<>(result.explanation());
        if (f != null && f.reason() != null) {
            lines.add(f.sentence());
        }
        return b.state(JobState.FAILED)
                .reason(SPARK_JOB_FAILED)
                .message("The driver " + exit + ", but " + lower(what) + ". The step fails on failed Spark jobs"
                        + " (failOnSparkJobFailure: true).")
                .explanation(lines)
                .build();
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
