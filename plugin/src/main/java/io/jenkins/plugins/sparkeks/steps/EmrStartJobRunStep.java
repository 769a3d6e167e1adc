package io.jenkins.plugins.sparkeks.steps;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.credentials.CredentialsForms;
import io.jenkins.plugins.sparkeks.job.AwsTarget;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.job.SecretRefs;
import io.jenkins.plugins.sparkeks.job.WaitSettings;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code emrStartJobRun}: starts an EMR on EKS job run and holds the build until it is terminal, following
 * its driver log from CloudWatch Logs or S3.
 */
public class EmrStartJobRunStep extends SparkJobStep {

    private String virtualClusterId;
    private String virtualClusterName;
    private String clusterName;
    private String executionRoleArn;
    private String releaseLabel;
    private String name;
    private String entryPoint;
    private List<String> entryPointArguments;
    private String sparkSubmitParameters;
    private List<String> conf;
    private String logGroup;
    private String logStreamPrefix;
    private String s3LogUri;
    private String allowAwsToRetainLogs;
    private String managedLogsEncryptionKeyArn;
    private Integer retryMaxAttempts;
    private List<String> tags;
    private String jobTemplateId;
    private List<String> jobTemplateParameters;
    private boolean clusterAccess;
    private String submitThrough;

    @DataBoundConstructor
    public EmrStartJobRunStep() {}

    @Override
    public EmrJobDefinition toDefinition(SparkOnEksDefaults d) {
        Validation v = new Validation();
        AwsTarget aws = awsTarget(d);
        if (aws.region() == null) {
            v.error("region", "is missing.", "Set region here or in the global configuration.");
        }
        if (virtualClusterId == null && virtualClusterName == null) {
            v.error(
                    "virtualClusterId",
                    "is missing.",
                    "Give virtualClusterId, or virtualClusterName of a running virtual cluster.");
        }
        if (jobTemplateId == null) {
            v.check(executionRoleArn != null, "executionRoleArn", "is missing.", "Give the IAM role the job runs as.");
            v.check(releaseLabel != null, "releaseLabel", "is missing.", "Give an EMR release, e.g. emr-7.5.0-latest.");
            v.check(entryPoint != null, "entryPoint", "is missing.", "Give the application, e.g. s3://bucket/app.py.");
        }
        String retainLogs =
                allowAwsToRetainLogs == null ? null : allowAwsToRetainLogs.toUpperCase(java.util.Locale.ROOT);
        v.check(
                retainLogs == null || retainLogs.equals("ENABLED") || retainLogs.equals("DISABLED"),
                "allowAwsToRetainLogs",
                "must be ENABLED or DISABLED (was '" + allowAwsToRetainLogs + "').",
                "Give ENABLED to let AWS keep managed copies of the job's logs, DISABLED to refuse, or leave it out for EMR's default.");
        String through = submitThrough == null
                ? EmrJobDefinition.SUBMIT_THROUGH_API
                : submitThrough.toLowerCase(java.util.Locale.ROOT);
        v.check(
                through.equals(EmrJobDefinition.SUBMIT_THROUGH_API)
                        || through.equals(EmrJobDefinition.SUBMIT_THROUGH_ACK),
                "submitThrough",
                "must be 'api' or 'ack' (was '" + submitThrough + "').",
                "Give 'api' to call StartJobRun, or 'ack' to create an ACK JobRun resource.");
        // the JobRun is created in the virtual cluster's EKS cluster, which only that setting lets the step reach
        v.check(
                !through.equals(EmrJobDefinition.SUBMIT_THROUGH_ACK) || clusterAccess,
                "submitThrough",
                "'ack' needs access to the virtual cluster's EKS cluster, where the JobRun resource is created,"
                        + " and clusterAccess is off.",
                "Set clusterAccess: true (and grant the RBAC on jobruns.emrcontainers.services.k8s.aws"
                        + " described in the setup guide), or submit through 'api'.");
        WaitSettings wait = waitSettings(Retention.KEEP, v);
        Map<String, String> sparkConf = KeyValueEntries.parse("conf", conf, v);
        Map<String, String> tagMap = KeyValueEntries.parse("tags", tags, v);
        Map<String, String> templateValues = KeyValueEntries.parse("jobTemplateParameters", jobTemplateParameters, v);
        SecretRefs secrets = secretRefs(v);
        for (String key : secrets.confKeys()) {
            v.check(
                    !sparkConf.containsKey(key),
                    "secretConf[" + key + "]",
                    "is also given in conf.",
                    "Remove it from conf.");
        }
        v.throwIfInvalid();
        String cluster = virtualClusterName == null ? null : SparkOnEksDefaults.pick(clusterName, d.clusterName());
        return new EmrJobDefinition(
                aws,
                virtualClusterId,
                virtualClusterName,
                cluster,
                executionRoleArn,
                releaseLabel,
                name,
                entryPoint,
                entryPointArguments,
                sparkSubmitParameters,
                sparkConf,
                SparkOnEksDefaults.pick(logGroup, d.logGroup()),
                logStreamPrefix,
                s3LogUri,
                retainLogs,
                managedLogsEncryptionKeyArn,
                retryMaxAttempts,
                tagMap,
                jobTemplateId,
                templateValues,
                wait,
                secrets,
                clusterAccess,
                through);
    }

    public String getSubmitThrough() {
        return submitThrough;
    }

    @DataBoundSetter
    public void setSubmitThrough(String submitThrough) {
        this.submitThrough = StepValues.text(submitThrough);
    }

    public boolean isClusterAccess() {
        return clusterAccess;
    }

    @DataBoundSetter
    public void setClusterAccess(boolean clusterAccess) {
        this.clusterAccess = clusterAccess;
    }

    public String getVirtualClusterId() {
        return virtualClusterId;
    }

    public String getVirtualClusterName() {
        return virtualClusterName;
    }

    public String getClusterName() {
        return clusterName;
    }

    public String getExecutionRoleArn() {
        return executionRoleArn;
    }

    public String getReleaseLabel() {
        return releaseLabel;
    }

    public String getName() {
        return name;
    }

    public String getEntryPoint() {
        return entryPoint;
    }

    public List<String> getEntryPointArguments() {
        return entryPointArguments;
    }

    public String getSparkSubmitParameters() {
        return sparkSubmitParameters;
    }

    public List<String> getConf() {
        return conf;
    }

    public String getLogGroup() {
        return logGroup;
    }

    public String getLogStreamPrefix() {
        return logStreamPrefix;
    }

    public String getS3LogUri() {
        return s3LogUri;
    }

    public String getAllowAwsToRetainLogs() {
        return allowAwsToRetainLogs;
    }

    public String getManagedLogsEncryptionKeyArn() {
        return managedLogsEncryptionKeyArn;
    }

    public Integer getRetryMaxAttempts() {
        return retryMaxAttempts;
    }

    public List<String> getTags() {
        return tags;
    }

    public String getJobTemplateId() {
        return jobTemplateId;
    }

    public List<String> getJobTemplateParameters() {
        return jobTemplateParameters;
    }

    @DataBoundSetter
    public void setVirtualClusterId(String v) {
        this.virtualClusterId = StepValues.text(v);
    }

    @DataBoundSetter
    public void setVirtualClusterName(String v) {
        this.virtualClusterName = StepValues.text(v);
    }

    @DataBoundSetter
    public void setClusterName(String v) {
        this.clusterName = StepValues.text(v);
    }

    @DataBoundSetter
    public void setExecutionRoleArn(String v) {
        this.executionRoleArn = StepValues.text(v);
    }

    @DataBoundSetter
    public void setReleaseLabel(String v) {
        this.releaseLabel = StepValues.text(v);
    }

    @DataBoundSetter
    public void setName(String v) {
        this.name = StepValues.text(v);
    }

    @DataBoundSetter
    public void setEntryPoint(String v) {
        this.entryPoint = StepValues.text(v);
    }

    @DataBoundSetter
    public void setEntryPointArguments(List<String> v) {
        this.entryPointArguments = StepValues.list(v);
    }

    @DataBoundSetter
    public void setSparkSubmitParameters(String v) {
        this.sparkSubmitParameters = StepValues.text(v);
    }

    @DataBoundSetter
    public void setConf(List<String> v) {
        this.conf = StepValues.list(v);
    }

    @DataBoundSetter
    public void setLogGroup(String v) {
        this.logGroup = StepValues.text(v);
    }

    @DataBoundSetter
    public void setLogStreamPrefix(String v) {
        this.logStreamPrefix = StepValues.text(v);
    }

    @DataBoundSetter
    public void setS3LogUri(String v) {
        this.s3LogUri = StepValues.text(v);
    }

    @DataBoundSetter
    public void setAllowAwsToRetainLogs(String v) {
        this.allowAwsToRetainLogs = StepValues.text(v);
    }

    @DataBoundSetter
    public void setManagedLogsEncryptionKeyArn(String v) {
        this.managedLogsEncryptionKeyArn = StepValues.text(v);
    }

    @DataBoundSetter
    public void setRetryMaxAttempts(Integer v) {
        this.retryMaxAttempts = v;
    }

    @DataBoundSetter
    public void setTags(List<String> v) {
        this.tags = StepValues.list(v);
    }

    @DataBoundSetter
    public void setJobTemplateId(String v) {
        this.jobTemplateId = StepValues.text(v);
    }

    @DataBoundSetter
    public void setJobTemplateParameters(List<String> v) {
        this.jobTemplateParameters = StepValues.list(v);
    }

    @Extension
    public static class DescriptorImpl extends SparkJobStepDescriptor {

        public DescriptorImpl() {
            super(EmrStartJobRunStep.class);
        }

        @Override
        public String getFunctionName() {
            return "emrStartJobRun";
        }

        @Override
        public String getDisplayName() {
            return "Start an EMR on EKS job run";
        }

        @POST
        public FormValidation doCheckTags(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item) ? FieldChecks.keyValueLines(value, "tags") : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckJobTemplateParameters(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item)
                    ? FieldChecks.keyValueLines(value, "jobTemplateParameters")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckReleaseLabel(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item) ? FieldChecks.releaseLabel(value) : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckExecutionRoleArn(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsForms.mayConfigure(item) ? FieldChecks.roleArn(value) : FormValidation.ok();
        }
    }
}
