package io.jenkins.plugins.sparkeks.core.emr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One EMR on EKS job run to start (StartJobRun). Build with {@link #builder()}; check with
 * {@link EmrJobRequestValidator}. {@link #toString()} leaves out property values and template parameters, which
 * may hold secrets.
 *
 * @param name                     job run name (1..64 of {@code [.-_/#A-Za-z0-9]})
 * @param virtualClusterId         the virtual cluster's id; or null when {@code virtualClusterName} is given
 * @param virtualClusterName       a RUNNING virtual cluster's name, resolved with ListVirtualClusters
 * @param eksClusterName           narrows the name lookup to virtual clusters on this EKS cluster
 * @param executionRoleArn         IAM role the job runs as (required unless a job template provides it)
 * @param releaseLabel             e.g. {@code emr-7.5.0-latest} (required unless a job template provides it)
 * @param jobDriver                what runs (required unless a job template provides it)
 * @param applicationConfiguration classifications such as {@code spark-defaults}
 * @param monitoring               log shipping and persistent UI
 * @param retryMaxAttempts         driver attempts under EMR's retry policy; null = no retry policy
 * @param tags                     job run tags
 * @param jobTemplateId            a job template to start from
 * @param jobTemplateParameters    values for the template's {@code ${name}} placeholders
 */
public record EmrJobRequest(
        String name,
        String virtualClusterId,
        String virtualClusterName,
        String eksClusterName,
        String executionRoleArn,
        String releaseLabel,
        EmrJobDriver jobDriver,
        List<EmrConfiguration> applicationConfiguration,
        EmrMonitoring monitoring,
        Integer retryMaxAttempts,
        Map<String, String> tags,
        String jobTemplateId,
        Map<String, String> jobTemplateParameters) {

    public EmrJobRequest {
        applicationConfiguration = applicationConfiguration == null ? List.of() : List.copyOf(applicationConfiguration);
        monitoring = monitoring == null ? EmrMonitoring.NONE : monitoring;
        tags = ordered(tags);
        jobTemplateParameters = ordered(jobTemplateParameters);
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The virtual cluster as the user named it, for messages. */
    public String virtualClusterLabel() {
        if (virtualClusterId != null) {
            return virtualClusterId;
        }
        return virtualClusterName + (eksClusterName == null ? "" : " on EKS cluster " + eksClusterName);
    }

    @Override
    public String toString() {
        return "EmrJobRequest[name=" + name + ", virtualCluster=" + virtualClusterLabel()
                + ", executionRoleArn=" + executionRoleArn + ", releaseLabel=" + releaseLabel
                + ", driver=" + (jobDriver == null ? null : jobDriver.getClass().getSimpleName())
                + ", applicationConfiguration=" + applicationConfiguration + ", monitoring=" + monitoring
                + ", retryMaxAttempts=" + retryMaxAttempts + ", tags=" + tags.keySet()
                + ", jobTemplateId=" + jobTemplateId + ", jobTemplateParameters=" + jobTemplateParameters.keySet() + "]";
    }

    /** Mutable collector for the many optional fields. */
    public static final class Builder {
        private String name;
        private String virtualClusterId;
        private String virtualClusterName;
        private String eksClusterName;
        private String executionRoleArn;
        private String releaseLabel;
        private EmrJobDriver jobDriver;
        private final List<EmrConfiguration> applicationConfiguration = new ArrayList<>();
        private EmrMonitoring monitoring = EmrMonitoring.NONE;
        private Integer retryMaxAttempts;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String jobTemplateId;
        private final Map<String, String> jobTemplateParameters = new LinkedHashMap<>();

        private Builder() {}

        public Builder name(String v) { this.name = v; return this; }
        public Builder virtualClusterId(String v) { this.virtualClusterId = v; return this; }
        public Builder virtualClusterName(String name, String eksCluster) {
            this.virtualClusterName = name;
            this.eksClusterName = eksCluster;
            return this;
        }
        public Builder executionRoleArn(String v) { this.executionRoleArn = v; return this; }
        public Builder releaseLabel(String v) { this.releaseLabel = v; return this; }
        public Builder jobDriver(EmrJobDriver v) { this.jobDriver = v; return this; }
        public Builder sparkSubmit(String entryPoint, List<String> arguments, String sparkSubmitParameters) {
            return jobDriver(new EmrJobDriver.SparkSubmit(entryPoint, arguments, sparkSubmitParameters));
        }
        public Builder sparkSql(String entryPoint, String sparkSqlParameters) {
            return jobDriver(new EmrJobDriver.SparkSql(entryPoint, sparkSqlParameters));
        }
        public Builder configuration(EmrConfiguration v) { applicationConfiguration.add(v); return this; }
        public Builder monitoring(EmrMonitoring v) { this.monitoring = v; return this; }
        public Builder cloudWatchLogs(String logGroup, String streamPrefix) {
            EmrMonitoring m = monitoring;
            this.monitoring = new EmrMonitoring(logGroup, streamPrefix, m.s3LogUri(), m.persistentAppUI(),
                    m.logRotationSize(), m.logRotationMaxFiles(), m.managedLogs());
            return this;
        }
        public Builder s3Logs(String logUri) {
            EmrMonitoring m = monitoring;
            this.monitoring = new EmrMonitoring(m.cloudWatchLogGroup(), m.cloudWatchLogStreamPrefix(), logUri,
                    m.persistentAppUI(), m.logRotationSize(), m.logRotationMaxFiles(), m.managedLogs());
            return this;
        }
        public Builder managedLogs(EmrManagedLogs logs) { this.monitoring = monitoring.withManagedLogs(logs); return this; }
        public Builder retryMaxAttempts(Integer v) { this.retryMaxAttempts = v; return this; }
        public Builder tag(String key, String value) { tags.put(key, value); return this; }
        public Builder jobTemplate(String id, Map<String, String> parameters) {
            this.jobTemplateId = id;
            jobTemplateParameters.clear();
            if (parameters != null) {
                jobTemplateParameters.putAll(parameters);
            }
            return this;
        }

        public EmrJobRequest build() {
            return new EmrJobRequest(name, virtualClusterId, virtualClusterName, eksClusterName, executionRoleArn,
                    releaseLabel, jobDriver, applicationConfiguration, monitoring, retryMaxAttempts, tags,
                    jobTemplateId, jobTemplateParameters);
        }
    }
}
