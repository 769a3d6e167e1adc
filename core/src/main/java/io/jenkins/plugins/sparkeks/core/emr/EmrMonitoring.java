package io.jenkins.plugins.sparkeks.core.emr;

/**
 * Where EMR ships the job's logs and how it keeps them ({@code monitoringConfiguration}). Every part is optional.
 *
 * @param cloudWatchLogGroup        CloudWatch Logs group for container logs; null = no CloudWatch
 * @param cloudWatchLogStreamPrefix prefix of every stream name; null = none
 * @param s3LogUri                  {@code s3://bucket/prefix} for gzip logs; null = no S3
 * @param persistentAppUI           whether the Spark UI stays available after the run; null = EMR's default
 * @param logRotationSize           container log rotation size, e.g. {@code 100MB}; null = no rotation setting
 * @param logRotationMaxFiles       container log files kept, 1..50; set together with the size
 * @param managedLogs               EMR's managed logs (AWS-retained copy, KMS key); null = EMR's default
 */
public record EmrMonitoring(
        String cloudWatchLogGroup,
        String cloudWatchLogStreamPrefix,
        String s3LogUri,
        Boolean persistentAppUI,
        String logRotationSize,
        Integer logRotationMaxFiles,
        EmrManagedLogs managedLogs) {

    public static final EmrMonitoring NONE = new EmrMonitoring(null, null, null, null, null, null);

    public EmrMonitoring {
        managedLogs = managedLogs == null || managedLogs.isEmpty() ? null : managedLogs;
    }

    /** Without managed logs settings (EMR's default for them). */
    public EmrMonitoring(String cloudWatchLogGroup, String cloudWatchLogStreamPrefix, String s3LogUri,
            Boolean persistentAppUI, String logRotationSize, Integer logRotationMaxFiles) {
        this(cloudWatchLogGroup, cloudWatchLogStreamPrefix, s3LogUri, persistentAppUI, logRotationSize,
                logRotationMaxFiles, null);
    }

    public EmrMonitoring withManagedLogs(EmrManagedLogs logs) {
        return new EmrMonitoring(cloudWatchLogGroup, cloudWatchLogStreamPrefix, s3LogUri, persistentAppUI,
                logRotationSize, logRotationMaxFiles, logs);
    }

    public boolean hasCloudWatch() {
        return cloudWatchLogGroup != null;
    }

    public boolean hasS3() {
        return s3LogUri != null;
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Where to read this job's driver log back from; kept in the reference so a resumed watch finds it. */
    public EmrLogLocation logLocation() {
        return new EmrLogLocation(cloudWatchLogGroup, cloudWatchLogStreamPrefix, s3LogUri);
    }
}
