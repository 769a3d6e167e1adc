package io.jenkins.plugins.sparkeks.core.emr;

import java.util.List;
import software.amazon.awssdk.services.emrcontainers.model.CloudWatchMonitoringConfiguration;
import software.amazon.awssdk.services.emrcontainers.model.Configuration;
import software.amazon.awssdk.services.emrcontainers.model.ConfigurationOverrides;
import software.amazon.awssdk.services.emrcontainers.model.ContainerLogRotationConfiguration;
import software.amazon.awssdk.services.emrcontainers.model.AllowAWSToRetainLogs;
import software.amazon.awssdk.services.emrcontainers.model.JobDriver;
import software.amazon.awssdk.services.emrcontainers.model.ManagedLogs;
import software.amazon.awssdk.services.emrcontainers.model.MonitoringConfiguration;
import software.amazon.awssdk.services.emrcontainers.model.PersistentAppUI;
import software.amazon.awssdk.services.emrcontainers.model.S3MonitoringConfiguration;
import software.amazon.awssdk.services.emrcontainers.model.SparkSqlJobDriver;
import software.amazon.awssdk.services.emrcontainers.model.SparkSubmitJobDriver;
import software.amazon.awssdk.services.emrcontainers.model.StartJobRunRequest;

/** Translates a validated {@link EmrJobRequest} into the SDK's StartJobRun request. */
final class StartJobRunRequests {

    private StartJobRunRequests() {}

    static StartJobRunRequest of(EmrJobRequest r, String virtualClusterId, String clientToken) {
        StartJobRunRequest.Builder b = StartJobRunRequest.builder()
                .virtualClusterId(virtualClusterId)
                .clientToken(clientToken)
                .name(r.name())
                .executionRoleArn(r.executionRoleArn())
                .releaseLabel(r.releaseLabel());
        if (r.jobDriver() != null) {
            b.jobDriver(jobDriver(r.jobDriver()));
        }
        ConfigurationOverrides overrides = overrides(r);
        if (overrides != null) {
            b.configurationOverrides(overrides);
        }
        if (r.retryMaxAttempts() != null) {
            b.retryPolicyConfiguration(p -> p.maxAttempts(r.retryMaxAttempts()));
        }
        // the run carries what it was started for, so a reused client token with another spec can be told apart
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>(r.tags());
        tags.put(EmrSpecFingerprints.TAG, EmrSpecFingerprints.of(r).value());
        b.tags(tags);
        if (r.jobTemplateId() != null) {
            b.jobTemplateId(r.jobTemplateId());
            if (!r.jobTemplateParameters().isEmpty()) {
                b.jobTemplateParameters(r.jobTemplateParameters());
            }
        }
        return b.build();
    }

    private static JobDriver jobDriver(EmrJobDriver d) {
        if (d instanceof EmrJobDriver.SparkSubmit s) {
            SparkSubmitJobDriver.Builder sb = SparkSubmitJobDriver.builder().entryPoint(s.entryPoint())
                    .sparkSubmitParameters(s.sparkSubmitParameters());
            if (!s.entryPointArguments().isEmpty()) {
                sb.entryPointArguments(s.entryPointArguments());
            }
            return JobDriver.builder().sparkSubmitJobDriver(sb.build()).build();
        }
        EmrJobDriver.SparkSql q = (EmrJobDriver.SparkSql) d;
        return JobDriver.builder().sparkSqlJobDriver(SparkSqlJobDriver.builder()
                .entryPoint(q.entryPoint()).sparkSqlParameters(q.sparkSqlParameters()).build()).build();
    }

    private static ConfigurationOverrides overrides(EmrJobRequest r) {
        MonitoringConfiguration monitoring = monitoring(r.monitoring());
        if (r.applicationConfiguration().isEmpty() && monitoring == null) {
            return null;
        }
        ConfigurationOverrides.Builder b = ConfigurationOverrides.builder();
        if (!r.applicationConfiguration().isEmpty()) {
            b.applicationConfiguration(configurations(r.applicationConfiguration()));
        }
        if (monitoring != null) {
            b.monitoringConfiguration(monitoring);
        }
        return b.build();
    }

    private static List<Configuration> configurations(List<EmrConfiguration> cs) {
        return cs.stream().map(c -> {
            Configuration.Builder b = Configuration.builder().classification(c.classification());
            if (!c.properties().isEmpty()) {
                b.properties(c.properties());
            }
            if (!c.configurations().isEmpty()) {
                b.configurations(configurations(c.configurations()));
            }
            return b.build();
        }).toList();
    }

    private static MonitoringConfiguration monitoring(EmrMonitoring m) {
        if (m.isEmpty()) {
            return null;
        }
        MonitoringConfiguration.Builder b = MonitoringConfiguration.builder();
        if (m.hasCloudWatch()) {
            b.cloudWatchMonitoringConfiguration(CloudWatchMonitoringConfiguration.builder()
                    .logGroupName(m.cloudWatchLogGroup()).logStreamNamePrefix(m.cloudWatchLogStreamPrefix()).build());
        }
        if (m.hasS3()) {
            b.s3MonitoringConfiguration(S3MonitoringConfiguration.builder().logUri(m.s3LogUri()).build());
        }
        if (m.persistentAppUI() != null) {
            b.persistentAppUI(m.persistentAppUI() ? PersistentAppUI.ENABLED : PersistentAppUI.DISABLED);
        }
        if (m.logRotationSize() != null) {
            b.containerLogRotationConfiguration(ContainerLogRotationConfiguration.builder()
                    .rotationSize(m.logRotationSize()).maxFilesToKeep(m.logRotationMaxFiles()).build());
        }
        if (m.managedLogs() != null) {
            EmrManagedLogs ml = m.managedLogs();
            ManagedLogs.Builder lb = ManagedLogs.builder().encryptionKeyArn(ml.encryptionKeyArn());
            if (ml.allowAwsToRetainLogs() != null) {
                lb.allowAWSToRetainLogs(ml.allowAwsToRetainLogs() ? AllowAWSToRetainLogs.ENABLED : AllowAWSToRetainLogs.DISABLED);
            }
            b.managedLogs(lb.build());
        }
        return b.build();
    }
}
