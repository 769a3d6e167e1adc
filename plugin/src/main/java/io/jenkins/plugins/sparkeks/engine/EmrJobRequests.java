package io.jenkins.plugins.sparkeks.engine;

import io.jenkins.plugins.sparkeks.core.emr.EmrConfiguration;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrManagedLogs;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.secrets.ResolvedSecrets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps an {@code emrStartJobRun} definition onto the core's {@link EmrJobRequest}. */
public final class EmrJobRequests {

    static final String SPARK_DEFAULTS = "spark-defaults";
    static final String DRIVER_ENV_PREFIX = "spark.kubernetes.driverEnv.";
    static final String EXECUTOR_ENV_PREFIX = "spark.executorEnv.";

    private EmrJobRequests() {}

    public static EmrJobRequest from(EmrJobDefinition d) {
        return from(d, ResolvedSecrets.NONE);
    }

    /**
     * With the secret values read from their credentials. EMR on EKS has no other way in than the StartJobRun
     * call: secret conf joins the {@code spark-defaults} classification, and secret env becomes Spark's
     * {@code spark.kubernetes.driverEnv.*} and {@code spark.executorEnv.*} there.
     */
    public static EmrJobRequest from(EmrJobDefinition d, ResolvedSecrets secrets) {
        EmrJobRequest.Builder b = EmrJobRequest.builder()
                .name(d.name())
                .executionRoleArn(d.executionRoleArn())
                .releaseLabel(d.releaseLabel())
                .retryMaxAttempts(d.retryMaxAttempts());
        if (d.virtualClusterId() != null) {
            b.virtualClusterId(d.virtualClusterId());
        } else {
            b.virtualClusterName(d.virtualClusterName(), d.clusterName());
        }
        if (d.entryPoint() != null) {
            b.sparkSubmit(d.entryPoint(), d.entryPointArguments(), d.sparkSubmitParameters());
        }
        Map<String, String> sparkDefaults = new LinkedHashMap<>(d.conf());
        sparkDefaults.putAll(secrets.conf());
        secrets.env().forEach((name, value) -> {
            sparkDefaults.put(DRIVER_ENV_PREFIX + name, value);
            sparkDefaults.put(EXECUTOR_ENV_PREFIX + name, value);
        });
        if (!sparkDefaults.isEmpty()) {
            b.configuration(EmrConfiguration.of(SPARK_DEFAULTS, sparkDefaults));
        }
        if (d.logGroup() != null) {
            b.cloudWatchLogs(d.logGroup(), d.logStreamPrefix());
        }
        if (d.s3LogUri() != null) {
            b.s3Logs(d.s3LogUri());
        }
        if (d.allowAwsToRetainLogs() != null || d.managedLogsEncryptionKeyArn() != null) {
            Boolean allow = d.allowAwsToRetainLogs() == null ? null : "ENABLED".equals(d.allowAwsToRetainLogs());
            b.managedLogs(new EmrManagedLogs(allow, d.managedLogsEncryptionKeyArn()));
        }
        d.tags().forEach(b::tag);
        if (d.jobTemplateId() != null) {
            b.jobTemplate(d.jobTemplateId(), d.jobTemplateParameters());
        }
        return b.build();
    }
}
