package io.jenkins.plugins.sparkeks.engine;

import io.jenkins.plugins.sparkeks.core.emr.EmrConfiguration;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;

/** Maps an {@code emrStartJobRun} definition onto the core's {@link EmrJobRequest}. */
public final class EmrJobRequests {

    static final String SPARK_DEFAULTS = "spark-defaults";

    private EmrJobRequests() {}

    public static EmrJobRequest from(EmrJobDefinition d) {
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
        if (!d.conf().isEmpty()) {
            b.configuration(EmrConfiguration.of(SPARK_DEFAULTS, d.conf()));
        }
        if (d.logGroup() != null) {
            b.cloudWatchLogs(d.logGroup(), d.logStreamPrefix());
        }
        if (d.s3LogUri() != null) {
            b.s3Logs(d.s3LogUri());
        }
        d.tags().forEach(b::tag);
        if (d.jobTemplateId() != null) {
            b.jobTemplate(d.jobTemplateId(), d.jobTemplateParameters());
        }
        return b.build();
    }
}
