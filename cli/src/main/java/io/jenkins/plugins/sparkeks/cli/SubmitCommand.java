package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SubmissionMode;
import io.jenkins.plugins.sparkeks.core.k8s.submit.PodToleration;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

/** {@code submit}: the sparkSubmitEks engine, with spark-submit's option names where spark-submit has one. */
@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Submit a Spark application to Kubernetes as 'spark-submit --deploy-mode cluster' would "
                + "(no Spark needed here), wait for the driver, stream its log and exit with its verdict.",
                "Example:",
                "  spark-on-eks submit --region us-east-1 --cluster-name prod --namespace spark \\",
                "    --name spark-pi --class org.apache.spark.examples.SparkPi \\",
                "    --conf spark.executor.instances=2 \\",
                "    local:///usr/lib/spark/examples/jars/spark-examples.jar 100"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the driver succeeded (or --no-wait: it was submitted)",
                "1:the driver failed (non-zero exit, OOMKilled, evicted, deleted)",
                "2:bad input, nothing was submitted", "3:a timeout expired and the driver was deleted",
                "4:the job was cancelled", "5:the cluster could not be reached or refused a call",
                "7:a cancel or timeout was not confirmed (the driver pod did not go away); it may still run"})
final class SubmitCommand implements Callable<Integer> {

    private static final String SPARK_NAMESPACE_KEY = "spark.kubernetes.namespace";

    @ParentCommand
    SparkOnEks root;

    @Mixin
    CommonFlags common;

    @Mixin
    KubernetesFlags cluster;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "submit",
            description = "How the application starts: submit (a driver pod, as spark-submit), operator (a "
                    + "SparkApplication for the Spark operator the cluster has; refused when it has both or none), "
                    + "operator-kubeflow (sparkoperator.k8s.io) or operator-apache (spark.apache.org). "
                    + "Default: ${DEFAULT-VALUE}.")
    String mode = "submit";

    @Option(names = "--name", paramLabel = "NAME", description = "Application name; starts the driver pod's name.")
    String appName;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "Namespace of the driver "
            + "(default: --conf spark.kubernetes.namespace, else the kubeconfig context's, else 'default').")
    String namespace;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "Spark container image (default: the EMR on EKS Spark image for the region and --emr-release).")
    String image;

    @Option(names = "--emr-release", paramLabel = "RELEASE",
            description = "EMR release whose Spark image is the default image, e.g. emr-7.12.0.")
    String emrRelease;

    @Option(names = "--spark-version", paramLabel = "VERSION",
            description = "Spark version the image runs, e.g. 4.0.2: the spark-version label, and which Spark's "
                    + "submission rules apply (default: the EMR image's version, else 3.5.6).")
    String sparkVersion;

    @Option(names = "--class", paramLabel = "CLASS", description = "Main class (Java/Scala applications).")
    String mainClass;

    @Parameters(index = "0", paramLabel = "<primary-resource>", arity = "0..1",
            description = "Application jar or .py file: local://, s3a://, https://…")
    String primaryResource;

    @Parameters(index = "1..*", paramLabel = "<args>", description = "Application arguments.")
    List<String> appArgs = new ArrayList<>();

    @Option(names = "--py-files", paramLabel = "URI", split = ",", description = "Python dependencies (comma-separated).")
    List<String> pyFiles = new ArrayList<>();

    @Option(names = "--jars", paramLabel = "URI", split = ",", description = "Extra jars (comma-separated).")
    List<String> jars = new ArrayList<>();

    @Option(names = "--files", paramLabel = "URI", split = ",", description = "Files for the working directory (comma-separated).")
    List<String> files = new ArrayList<>();

    @Option(names = {"-c", "--conf"}, paramLabel = "KEY=VALUE", description = "Spark configuration (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--driver-cores", paramLabel = "N", description = "Driver CPU cores (default 1).")
    Integer driverCores;

    @Option(names = "--driver-memory", paramLabel = "SIZE", description = "Driver memory, e.g. 2g (default 1g).")
    String driverMemory;

    @Option(names = "--driver-memory-overhead", paramLabel = "SIZE",
            description = "Driver memory overhead (default max(384m, 10%% or 40%% for Python)).")
    String driverMemoryOverhead;

    @Option(names = "--executor-cores", paramLabel = "N", description = "Cores per executor (default 1).")
    Integer executorCores;

    @Option(names = "--executor-memory", paramLabel = "SIZE", description = "Memory per executor, e.g. 4g (default 1g).")
    String executorMemory;

    @Option(names = "--executor-memory-overhead", paramLabel = "SIZE", description = "Memory overhead per executor.")
    String executorMemoryOverhead;

    @Option(names = "--num-executors", paramLabel = "N", description = "Executor count (default 2).")
    Integer executorInstances;

    @Option(names = "--service-account", paramLabel = "NAME",
            description = "Driver service account; it needs RBAC to create executor pods (default: 'default').")
    String serviceAccount;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Label for driver and executor pods (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "Annotation for the pods (repeatable).")
    Map<String, String> annotations = new LinkedHashMap<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Environment variable for the pods (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--driver-pod-template", paramLabel = "FILE", description = "Pod YAML to start the driver pod from.")
    Path driverPodTemplate;

    @Option(names = "--node-selector", paramLabel = "KEY=VALUE", description = "Node selector (repeatable).")
    Map<String, String> nodeSelector = new LinkedHashMap<>();

    @Option(names = "--toleration", paramLabel = "KEY[=VALUE][:EFFECT]",
            description = "Driver pod toleration, e.g. dedicated=spark:NoSchedule; without =VALUE the operator is "
                    + "Exists (repeatable).")
    List<String> tolerations = new ArrayList<>();

    @Option(names = "--image-pull-policy", paramLabel = "POLICY", description = "Always, IfNotPresent or Never.")
    String imagePullPolicy;

    @Option(names = "--image-pull-secret", paramLabel = "NAME", description = "Image pull secret name (repeatable).")
    List<String> imagePullSecrets = new ArrayList<>();

    @Option(names = "--retention", paramLabel = "POLICY", defaultValue = "KEEP_ON_FAILURE",
            description = "What happens to the finished driver pod: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Retention retention = Retention.KEEP_ON_FAILURE;

    @Option(names = "--stall-grace-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the driver pod may show that its node stopped serving it (phase Unknown, NodeLost, "
                    + "marked not ready, stuck Terminating) before the job fails with NodeLost or DriverStalled "
                    + "(default: 5m). In operator modes the SparkApplication is deleted on NodeLost.")
    Duration stallGracePeriod;

    @Option(names = "--submission-key", paramLabel = "TEXT",
            description = "Idempotency key: the same key always maps to the same driver pod, so a retried command "
                    + "attaches instead of submitting twice (default: a new key per call).")
    String submissionKey;

    @Mixin
    WaitFlags waitFlags;

    @Mixin
    InsightFlags insightFlags;

    @Override
    public Integer call() {
        // all input is read, and every problem reported, before a client is built or anything is sent
        InputCheck input = new InputCheck();
        SubmissionKey key = input.read(() -> root.submissionKey(submissionKey));
        SubmissionMode submissionMode = input.read(this::submissionMode);
        input.read(() -> toRequest(SparkSubmitRequest.DEFAULT_NAMESPACE));
        WaitOptions options = input.read(() -> waitFlags.toWaitOptions(retention)
                .withStallGracePeriod(stallGracePeriod == null ? WaitOptions.DEFAULT_STALL_GRACE_PERIOD : stallGracePeriod));
        input.check(cluster::checkConflicts);
        input.done();
        return root.run(common, session -> {
            SparkJobBackend<SparkSubmitRequest> backend = root.engines().withInsight(
                    submissionMode.usesOperator()
                            ? root.engines().operator(cluster, submissionMode)
                            : root.engines().kubernetes(cluster),
                    insightFlags.toOptions(),
                    SparkSubmitRequest::conf);
            // as kubectl does: without --namespace, the kubeconfig context's (or the pod's) namespace
            SparkSubmitRequest request = toRequest(root.engines().kubernetesNamespace(cluster));
            return session.submit(backend, request, key, waitFlags, options);
        });
    }

    SubmissionMode submissionMode() {
        SubmissionMode m = SubmissionMode.parse(mode);
        if (m == null) {
            throw new InvalidJobSpecException(List.of(SubmissionMode.error("mode", mode)));
        }
        return m;
    }

    SparkSubmitRequest toRequest(String defaultNamespace) {
        SparkSubmitRequest.Builder b = SparkSubmitRequest.builder(appName).image(image).emrRelease(emrRelease)
                .mainClass(mainClass).primaryResource(primaryResource).pyFiles(pyFiles).jars(jars).files(files)
                .appArgs(appArgs).conf(conf).driverCores(driverCores).driverMemory(driverMemory)
                .driverMemoryOverhead(driverMemoryOverhead).executorCores(executorCores).executorMemory(executorMemory)
                .executorMemoryOverhead(executorMemoryOverhead).executorInstances(executorInstances)
                .serviceAccount(serviceAccount).imagePullPolicy(imagePullPolicy).sparkVersion(sparkVersion);
        // as spark-submit, a namespace in --conf counts; only without either does the context's apply
        if (namespace != null || !conf.containsKey(SPARK_NAMESPACE_KEY)) {
            b.namespace(namespace != null ? namespace : defaultNamespace);
        }
        labels.forEach(b::label);
        annotations.forEach(b::annotation);
        env.forEach(b::env);
        nodeSelector.forEach(b::nodeSelector);
        imagePullSecrets.forEach(b::imagePullSecret);
        List<FieldError> errors = new ArrayList<>();
        for (String t : tolerations) {
            PodToleration parsed = toleration(t);
            if (parsed == null) {
                errors.add(new FieldError("toleration", "'" + t + "' is not KEY[=VALUE][:EFFECT].",
                        "Write e.g. --toleration dedicated=spark:NoSchedule or --toleration gpu:NoSchedule."));
            } else {
                b.toleration(parsed);
            }
        }
        if (driverPodTemplate != null) {
            try {
                b.driverPodTemplate(Files.readString(driverPodTemplate, StandardCharsets.UTF_8));
            } catch (IOException e) {
                errors.add(new FieldError("driver-pod-template", "'" + driverPodTemplate + "' cannot be read.",
                        "Give the path of a readable Pod YAML file."));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidJobSpecException(errors);
        }
        return b.build();
    }

    static PodToleration toleration(String text) {
        String body = text.trim();
        String effect = null;
        int colon = body.lastIndexOf(':');
        if (colon >= 0) {
            effect = body.substring(colon + 1);
            body = body.substring(0, colon);
            if (effect.isEmpty()) {
                return null;
            }
        }
        int eq = body.indexOf('=');
        if (eq == 0 || body.isEmpty()) {
            return null;
        }
        return eq < 0 ? PodToleration.exists(body, effect)
                : PodToleration.equal(body.substring(0, eq), body.substring(eq + 1), effect);
    }
}
