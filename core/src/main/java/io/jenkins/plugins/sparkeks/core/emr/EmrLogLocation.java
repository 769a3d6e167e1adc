package io.jenkins.plugins.sparkeks.core.emr;

import java.io.Serializable;

/**
 * Where EMR writes a job run's container logs, as configured at submission.
 *
 * @param logGroup        CloudWatch Logs group, or null
 * @param logStreamPrefix CloudWatch stream name prefix, or null
 * @param s3LogUri        {@code s3://bucket/prefix}, or null
 */
public record EmrLogLocation(String logGroup, String logStreamPrefix, String s3LogUri) implements Serializable {

    public static final EmrLogLocation NONE = new EmrLogLocation(null, null, null);

    public boolean hasCloudWatch() {
        return logGroup != null;
    }

    public boolean hasS3() {
        return s3LogUri != null;
    }

    /**
     * The part of a stream name (or S3 key under the log URI) up to the driver container's directory, as EMR
     * lays it out: {@code <prefix>/<vcId>/jobs/<jobRunId>/containers/spark-<jobRunId>/spark-<jobRunId>-driver/}.
     */
    public static String driverPath(String prefix, String virtualClusterId, String jobRunId) {
        String head = prefix == null || prefix.isEmpty() ? "" : (prefix.endsWith("/") ? prefix : prefix + "/");
        return head + virtualClusterId + "/jobs/" + jobRunId + "/containers/spark-" + jobRunId
                + "/spark-" + jobRunId + "-driver/";
    }
}
