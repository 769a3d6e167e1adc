package io.jenkins.plugins.sparkeks.emulator.emr;

import java.util.Optional;

/**
 * Where EMR on EKS writes a job run's driver output: the CloudWatch stream names and the S3 keys under the logUri.
 * The layout is {@code <prefix>/<vcId>/jobs/<id>/containers/spark-<id>/spark-<id>-driver/stdout|stderr} (no prefix:
 * starting at the virtual cluster id), with {@code .gz} appended in S3.
 */
public final class DriverLogLayout {
    private DriverLogLayout() {
    }

    public static String stream(Optional<String> prefix, String virtualClusterId, String jobRunId, String file) {
        String path = driverPath(virtualClusterId, jobRunId) + "/" + file;
        return prefix.filter(p -> !p.isEmpty()).map(p -> (p.endsWith("/") ? p : p + "/") + path).orElse(path);
    }

    public static String bucketOf(String logUri) {
        String rest = logUri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** {@code s3://bucket/some/prefix/} → {@code [bucket, some/prefix/<vc>/jobs/.../stdout.gz]}. */
    public static String[] s3Object(String logUri, String virtualClusterId, String jobRunId, String file) {
        String rest = logUri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = bucketOf(logUri);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        return new String[] {bucket, prefix + driverPath(virtualClusterId, jobRunId) + "/" + file + ".gz"};
    }

    private static String driverPath(String virtualClusterId, String jobRunId) {
        return virtualClusterId + "/jobs/" + jobRunId + "/containers/spark-" + jobRunId + "/spark-" + jobRunId
                + "-driver";
    }
}
