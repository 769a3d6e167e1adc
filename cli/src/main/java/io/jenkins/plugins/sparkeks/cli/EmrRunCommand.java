package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.emr.AckJobRunSubmitter;
import io.jenkins.plugins.sparkeks.core.emr.EmrConfiguration;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrManagedLogs;
import io.jenkins.plugins.sparkeks.core.emr.EmrMonitoring;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code emr-run}: the emrStartJobRun engine from the command line. */
@Command(name = "emr-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start an EMR on EKS job run (StartJobRun), wait for it, stream the driver log from "
                + "CloudWatch/S3 and exit with the run's verdict.",
                "Example:",
                "  spark-on-eks emr-run --region us-east-1 --virtual-cluster-id abc123 \\",
                "    --execution-role-arn arn:aws:iam::111122223333:role/emr-job \\",
                "    --release-label emr-7.5.0-latest \\",
                "    --entry-point local:///usr/lib/spark/examples/jars/spark-examples.jar \\",
                "    --spark-submit-parameters '--class org.apache.spark.examples.SparkPi' \\",
                "    --log-group /emr-on-eks/jobs -- 100"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run COMPLETED (or --no-wait: it was started)", "1:the run FAILED",
                "2:bad input, nothing was started", "3:a timeout expired and the run was cancelled",
                "4:the run was cancelled", "5:AWS could not be reached or refused a call",
                "7:a cancel or timeout was not confirmed by EMR; the run may still be running"})
final class EmrRunCommand implements Callable<Integer> {

    @ParentCommand
    SparkOnEks root;

    @Mixin
    CommonFlags common;

    @Mixin
    AwsFlags aws;

    @Option(names = "--name", paramLabel = "NAME", description = "Job run name ([.-_/#A-Za-z0-9], up to 64).")
    String name;

    @Option(names = "--virtual-cluster-id", paramLabel = "ID", description = "Virtual cluster id.")
    String virtualClusterId;

    @Option(names = "--virtual-cluster-name", paramLabel = "NAME",
            description = "Virtual cluster name, looked up among RUNNING virtual clusters (instead of the id).")
    String virtualClusterName;

    @Option(names = "--eks-cluster-name", paramLabel = "NAME",
            description = "Narrows the --virtual-cluster-name lookup to this EKS cluster.")
    String eksClusterName;

    @Option(names = "--execution-role-arn", paramLabel = "ARN", description = "IAM role the job runs as.")
    String executionRoleArn;

    @Option(names = "--release-label", paramLabel = "LABEL",
            description = "EMR on EKS release label, e.g. emr-7.12.0-latest, emr-7.12.0-20251120, or Spark 4's "
                    + "emr-spark-8.0.0-latest / emr-spark-8.0.0-20260421.")
    String releaseLabel;

    @Option(names = "--entry-point", paramLabel = "URI",
            description = "Application (jar or .py) for the spark-submit job driver, e.g. s3://bucket/app.jar.")
    String entryPoint;

    @Parameters(paramLabel = "<args>", arity = "0..*",
            description = "Arguments passed to the application (entryPointArguments); put them after '--'.")
    List<String> entryPointArguments = new ArrayList<>();

    @Option(names = "--spark-submit-parameters", paramLabel = "TEXT",
            description = "spark-submit parameters, e.g. '--class org.example.Main --conf spark.executor.instances=2'.")
    String sparkSubmitParameters;

    @Option(names = "--sql-entry-point", paramLabel = "URI",
            description = "SQL file for the Spark SQL job driver (instead of --entry-point).")
    String sqlEntryPoint;

    @Option(names = "--spark-sql-parameters", paramLabel = "TEXT", description = "Parameters for the Spark SQL driver.")
    String sparkSqlParameters;

    @Option(names = "--application-config", paramLabel = "CLASSIFICATION:KEY=VALUE",
            description = "A configurationOverrides property, e.g. spark-defaults:spark.executor.instances=4 (repeatable).")
    List<String> applicationConfig = new ArrayList<>();

    @Option(names = "--log-group", paramLabel = "GROUP",
            description = "CloudWatch Logs group EMR writes the container logs to (needed to stream the driver log live).")
    String logGroup;

    @Option(names = "--log-stream-prefix", paramLabel = "PREFIX", description = "CloudWatch stream name prefix.")
    String logStreamPrefix;

    @Option(names = "--log-uri", paramLabel = "S3_URI", description = "S3 location for gzip container logs.")
    String logUri;

    @Option(names = "--persistent-app-ui", negatable = true,
            description = "Keep the Spark UI available after the run (default: EMR's).")
    Boolean persistentAppUI;

    @Option(names = "--allow-aws-to-retain-logs", negatable = true,
            description = "EMR managed logs: let AWS keep a managed copy of the job's logs, or not with --no-... "
                    + "(default: EMR's).")
    Boolean allowAwsToRetainLogs;

    @Option(names = "--managed-logs-encryption-key-arn", paramLabel = "ARN",
            description = "KMS key ARN that encrypts EMR's managed logs (default: an AWS-owned key).")
    String managedLogsEncryptionKeyArn;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Driver attempts under EMR's retry policy.")
    Integer maxAttempts;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Job run tag (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--job-template-id", paramLabel = "ID", description = "Start from this job template.")
    String jobTemplateId;

    @Option(names = "--job-template-parameter", paramLabel = "KEY=VALUE",
            description = "Value for a job template placeholder (repeatable).")
    Map<String, String> jobTemplateParameters = new LinkedHashMap<>();

    @Option(names = "--submission-key", paramLabel = "TEXT",
            description = "Idempotency key: the same key always maps to the same job run, so a retried command "
                    + "attaches instead of starting a second run (default: a new key per call).")
    String submissionKey;

    @Mixin
    WaitFlags waitFlags;

    @Mixin
    InsightFlags insightFlags;

    // the first name it had is still accepted: scripts written against it keep working
    @Option(names = {"--cluster-access", "--spark-insight-cluster-access"}, description = "Also connect to the virtual "
            + "cluster's EKS cluster with this AWS identity and region: the run's end is seen on its driver pod and "
            + "confirmed at once with one DescribeJobRun (instead of at the next poll), and Spark insight reads the driver "
            + "pod's UI; needs an EKS access entry and get/list/watch on pods and get on pods/proxy in the virtual "
            + "cluster's namespace. If connecting fails, one line says why and the run is polled (default: off).")
    boolean clusterAccess;

    @Option(names = "--submit-through", paramLabel = "api|ack", description = "How the run is started: api calls "
            + "StartJobRun; ack creates an ACK JobRun resource in the virtual cluster's namespace of its EKS cluster "
            + "(needs --cluster-access, the ACK emrcontainers controller and RBAC on jobruns), then "
            + "follows the run through EMR as with api (default: api).")
    String submitThrough = "api";

    @Override
    public Integer call() {
        // all input is read, and every problem reported, before a client is built or anything is sent
        InputCheck input = new InputCheck();
        SubmissionKey key = input.read(() -> root.submissionKey(submissionKey));
        EmrJobRequest request = input.read(this::toRequest);
        WaitOptions options = input.read(() -> waitFlags.toWaitOptions(Retention.KEEP));
        boolean ack = Boolean.TRUE.equals(input.read(this::throughAck));
        if (ack && request != null) {
            input.check(() -> AckJobRunSubmitter.validate(request).throwIfInvalid());
        }
        input.done();
        return root.run(common, session -> {
            SparkJobBackend<EmrJobRequest> emr = root.engines().emr(aws);
            return session.submit(root.engines().withEmrInsight(ack ? root.engines().emrThroughAck(emr, request) : emr,
                    insightFlags.toOptions(), request, clusterAccess), request, key, waitFlags, options);
        });
    }

    /** ACK mode creates the JobRun in the EKS cluster, which the command line reaches only with cluster access. */
    private boolean throughAck() {
        String through = submitThrough == null ? "api" : submitThrough.toLowerCase(java.util.Locale.ROOT);
        if (!through.equals("api") && !through.equals("ack")) {
            throw new InvalidJobSpecException(List.of(new FieldError("submit-through", "must be api or ack (was '"
                    + submitThrough + "').", "Give api to call StartJobRun, or ack to create an ACK JobRun resource.")));
        }
        if (through.equals("ack") && !clusterAccess) {
            throw new InvalidJobSpecException(List.of(new FieldError("submit-through", "ack needs access to the"
                    + " virtual cluster's EKS cluster, where the JobRun resource is created, and"
                    + " --cluster-access is not given.", "Add --cluster-access (and the RBAC"
                    + " on jobruns.emrcontainers.services.k8s.aws from the setup guide), or use --submit-through api.")));
        }
        return through.equals("ack");
    }

    EmrJobRequest toRequest() {
        EmrJobRequest.Builder b = EmrJobRequest.builder().name(name).virtualClusterId(virtualClusterId)
                .executionRoleArn(executionRoleArn).releaseLabel(releaseLabel).retryMaxAttempts(maxAttempts);
        if (virtualClusterName != null) {
            b.virtualClusterName(virtualClusterName, eksClusterName);
        }
        if (sqlEntryPoint != null && (entryPoint != null || sparkSubmitParameters != null)) {
            throw new InvalidJobSpecException(List.of(new FieldError("sql-entry-point", "cannot be combined with "
                    + (entryPoint != null ? "--entry-point" : "--spark-submit-parameters")
                    + ": a job run has one driver, Spark SQL or spark-submit.",
                    "Give --sql-entry-point (with --spark-sql-parameters) or --entry-point, not both.")));
        }
        if (sqlEntryPoint != null) {
            b.sparkSql(sqlEntryPoint, sparkSqlParameters);
        } else if (entryPoint != null || sparkSubmitParameters != null || !entryPointArguments.isEmpty()) {
            b.sparkSubmit(entryPoint, entryPointArguments, sparkSubmitParameters);
        }
        configurations().forEach(b::configuration);
        b.monitoring(new EmrMonitoring(logGroup, logStreamPrefix, logUri, persistentAppUI, null, null,
                new EmrManagedLogs(allowAwsToRetainLogs, managedLogsEncryptionKeyArn)));
        tags.forEach(b::tag);
        if (jobTemplateId != null) {
            b.jobTemplate(jobTemplateId, jobTemplateParameters);
        }
        return b.build();
    }

    private List<EmrConfiguration> configurations() {
        Map<String, Map<String, String>> byClassification = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (String entry : applicationConfig) {
            int colon = entry.indexOf(':');
            int eq = entry.indexOf('=', Math.max(colon, 0));
            if (colon <= 0 || eq <= colon + 1) {
                // the value may be secret: name the classification part only
                errors.add(new FieldError("application-config", "'" + (colon > 0 ? entry.substring(0, colon) : "?")
                        + ":...' is not CLASSIFICATION:KEY=VALUE.",
                        "Write e.g. --application-config spark-defaults:spark.executor.instances=4."));
                continue;
            }
            byClassification.computeIfAbsent(entry.substring(0, colon), k -> new LinkedHashMap<>())
                    .put(entry.substring(colon + 1, eq), entry.substring(eq + 1));
        }
        if (!errors.isEmpty()) {
            throw new InvalidJobSpecException(errors);
        }
        List<EmrConfiguration> out = new ArrayList<>();
        byClassification.forEach((c, props) -> out.add(EmrConfiguration.of(c, props)));
        return out;
    }
}
