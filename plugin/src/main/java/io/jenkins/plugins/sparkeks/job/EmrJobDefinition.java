package io.jenkins.plugins.sparkeks.job;

import java.util.List;
import java.util.Map;

/**
 * An EMR on EKS job run to start.
 *
 * @param aws                   region and AWS identity
 * @param virtualClusterId      virtual cluster id, or null when named
 * @param virtualClusterName    a running virtual cluster's name
 * @param clusterName           EKS cluster narrowing the name lookup
 * @param executionRoleArn      IAM role the job runs as
 * @param releaseLabel          EMR release, e.g. {@code emr-7.5.0-latest}
 * @param name                  job run name
 * @param entryPoint            the application ({@code s3://...})
 * @param entryPointArguments   its arguments
 * @param sparkSubmitParameters extra {@code spark-submit} options
 * @param conf                  {@code spark-defaults} classification properties
 * @param logGroup              CloudWatch log group for driver and executor logs
 * @param logStreamPrefix       CloudWatch log stream prefix
 * @param s3LogUri              S3 prefix for logs
 * @param allowAwsToRetainLogs  managed logs: {@code ENABLED} or {@code DISABLED}; null = EMR's default
 * @param managedLogsEncryptionKeyArn KMS key ARN for the managed logs; null = AWS-owned key
 * @param retryMaxAttempts      driver attempts under EMR's retry policy
 * @param tags                  job run tags
 * @param jobTemplateId         job template to start from
 * @param jobTemplateParameters values for the template's placeholders
 * @param waitSettings          waiting and reporting
 * @param secrets secret conf and environment values, as credential references only
 * @param clusterAccess         connect to the virtual cluster's EKS cluster with the step's AWS identity, so the run's end is
 *                              seen on its driver pod and
 *                              Spark insight reads the driver's UI through the pod proxy; with {@code submitThrough}
 *                              {@code ack} also where the JobRun resource is created
 * @param submitThrough         {@link #SUBMIT_THROUGH_API} (StartJobRun) or {@link #SUBMIT_THROUGH_ACK} (the ACK
 *                              controller's JobRun resource); null reads as the API
 */
public record EmrJobDefinition(
        AwsTarget aws,
        String virtualClusterId,
        String virtualClusterName,
        String clusterName,
        String executionRoleArn,
        String releaseLabel,
        String name,
        String entryPoint,
        List<String> entryPointArguments,
        String sparkSubmitParameters,
        Map<String, String> conf,
        String logGroup,
        String logStreamPrefix,
        String s3LogUri,
        String allowAwsToRetainLogs,
        String managedLogsEncryptionKeyArn,
        Integer retryMaxAttempts,
        Map<String, String> tags,
        String jobTemplateId,
        Map<String, String> jobTemplateParameters,
        WaitSettings waitSettings,
        SecretRefs secrets,
        boolean clusterAccess,
        String submitThrough)
        implements JobDefinition {

    public static final String SUBMIT_THROUGH_API = "api";
    public static final String SUBMIT_THROUGH_ACK = "ack";

    public EmrJobDefinition {
        entryPointArguments = Copies.list(entryPointArguments);
        conf = Copies.map(conf);
        tags = Copies.map(tags);
        jobTemplateParameters = Copies.map(jobTemplateParameters);
        secrets = secrets == null ? SecretRefs.NONE : secrets;
        submitThrough = submitThrough == null ? SUBMIT_THROUGH_API : submitThrough;
    }

    /** True when the run is started through the ACK JobRun resource rather than StartJobRun. */
    public boolean throughAck() {
        return SUBMIT_THROUGH_ACK.equals(submitThrough);
    }

    /** Keys only: values of Spark conf, tags and template parameters may be secrets. */
    @Override
    public String toString() {
        return "EmrJobDefinition[" + describe() + ", conf keys=" + conf.keySet() + ", tag keys=" + tags.keySet()
                + ", template parameter keys=" + jobTemplateParameters.keySet() + ", secret conf keys="
                + secrets.confKeys() + ", secret env names=" + secrets.envNames() + ", wait=" + waitSettings
                + ", clusterAccess=" + clusterAccess + ", submitThrough=" + submitThrough + "]";
    }

    @Override
    public String describe() {
        String cluster = virtualClusterId != null ? virtualClusterId : virtualClusterName;
        return (name != null ? name : entryPoint) + " on EMR virtual cluster " + cluster + " (" + aws.region() + ")";
    }
}
