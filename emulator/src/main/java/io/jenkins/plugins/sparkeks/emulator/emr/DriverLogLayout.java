package io.jenkins.plugins.sparkeks.emulator.emr;

import java.util.Optional;

/**
 * Where EMR on EKS writes a job run's output: the CloudWatch stream names and the S3 keys under the logUri.
 * The layout is {@code <prefix>/<vcId>/jobs/<id>/containers/spark-<id>/spark-<id>-driver/stdout|stderr} (no prefix:
 * starting at the virtual cluster id), with {@code .gz} appended in S3.
 */
public final class DriverLogLayout {
    private DriverLogLayout() {
    }

    public static String stream(Optional<String> prefix, String virtualClusterId, String jobRunId, String file) {
        return prefixed(prefix, driverPath(virtualClusterId, jobRunId) + "/" + file);
    }

    private static String prefixed(Optional<String> prefix, String path) {
        return prefix.filter(p -> !p.isEmpty()).map(p -> (p.endsWith("/") ? p : p + "/") + path).orElse(path);
    }

    /**
     * The job-runner pod's stream, {@code <prefix>/<vcId>/jobs/<id>/containers/<id>-<5 characters>/stdout}; the
     * suffix is derived from the id so it is stable, as a pod name is for one run.
     */
    public static String jobRunnerStream(Optional<String> prefix, String virtualClusterId, String jobRunId) {
        String suffix = Integer.toString(Math.floorMod(jobRunId.hashCode(), 36 * 36 * 36 * 36 * 36) + 60_466_176, 36)
                .substring(1);
        return prefixed(prefix, virtualClusterId + "/jobs/" + jobRunId + "/containers/" + jobRunId + "-" + suffix
                + "/stdout");
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
