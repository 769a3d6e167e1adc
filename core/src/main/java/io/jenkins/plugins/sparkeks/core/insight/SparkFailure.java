package io.jenkins.plugins.sparkeks.core.insight;

import java.io.Serializable;

/**
 * The Spark job that failed, as Spark itself reported it.
 *
 * @param jobId       Spark's job id
 * @param description the job's description ({@code setJobDescription}) or, without one, its call site
 * @param stageId     the failed stage, null when Spark named none
 * @param stageName   that stage's call site
 * @param reason      the first line of Spark's failure reason (a stage's {@code failureReason} or the job's exception)
 */
public record SparkFailure(int jobId, String description, Integer stageId, String stageName, String reason)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Failure reasons carry whole stack traces; a verdict needs the sentence, the driver log has the rest. */
    static final int MAX_REASON = 400;

    public SparkFailure {
        reason = shorten(reason);
    }

    static String shorten(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String first = text.strip().lines().findFirst().orElse("").strip();
        return first.length() <= MAX_REASON ? first : first.substring(0, MAX_REASON - 1) + "…";
    }

    /** {@code Spark job 3 (load orders) failed in stage 7 (save at Etl.scala:40): reason}. */
    public String sentence() {
        StringBuilder sb = new StringBuilder("Spark job ").append(jobId);
        if (description != null && !description.isBlank()) {
            sb.append(" (").append(description).append(")");
        }
        sb.append(" failed");
        if (stageId != null) {
            sb.append(" in stage ").append(stageId);
            if (stageName != null && !stageName.isBlank()) {
                sb.append(" (").append(stageName).append(")");
            }
        }
        if (reason != null) {
            sb.append(": ").append(reason);
        }
        return sb.toString();
    }
}
