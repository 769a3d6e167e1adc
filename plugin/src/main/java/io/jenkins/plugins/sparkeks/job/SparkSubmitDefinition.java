package io.jenkins.plugins.sparkeks.job;

import io.jenkins.plugins.sparkeks.core.k8s.operator.SubmissionMode;
import java.util.List;
import java.util.Map;

/**
 * A Spark application to run on Kubernetes, as {@code spark-submit --deploy-mode cluster} would, or as a
 * SparkApplication for the Spark Operator.
 *
 * @param target              cluster and authentication
 * @param sparkOperator       true to create a SparkApplication instead of a driver pod (follows {@code mode})
 * @param mode                driver pod, or a SparkApplication for an operator (named, or the one the cluster has);
 *                            null in a definition saved before modes were named, read from {@code sparkOperator}
 *                            (then the Kubeflow operator, the only one there was)
 * @param name                application name ({@code spark.app.name})
 * @param mainClass           JVM main class; null for Python and R applications
 * @param mainApplicationFile the application resource ({@code local://}, {@code s3a://}, {@code https://} ...)
 * @param appArgs             arguments passed to the application
 * @param conf                Spark configuration
 * @param jars                extra jars
 * @param files               extra files
 * @param pyFiles             extra Python files
 * @param namespace           Kubernetes namespace
 * @param serviceAccount      driver service account
 * @param image               container image
 * @param driverCores         {@code spark.driver.cores}
 * @param driverMemory        {@code spark.driver.memory}
 * @param executorInstances   {@code spark.executor.instances}
 * @param executorCores       {@code spark.executor.cores}
 * @param executorMemory      {@code spark.executor.memory}
 * @param pod                 pod-level settings (images, labels, scheduling)
 * @param waitSettings        waiting and reporting
 * @param secrets secret conf and environment values, as credential references only
 */
public record SparkSubmitDefinition(
        KubernetesTarget target,
        boolean sparkOperator,
        SubmissionMode mode,
        String name,
        String mainClass,
        String mainApplicationFile,
        List<String> appArgs,
        Map<String, String> conf,
        List<String> jars,
        List<String> files,
        List<String> pyFiles,
        String namespace,
        String serviceAccount,
        String image,
        Integer driverCores,
        String driverMemory,
        Integer executorInstances,
        Integer executorCores,
        String executorMemory,
        PodSettings pod,
        WaitSettings waitSettings,
        SecretRefs secrets)
        implements JobDefinition {

    public SparkSubmitDefinition {
        appArgs = Copies.list(appArgs);
        conf = Copies.map(conf);
        jars = Copies.list(jars);
        files = Copies.list(files);
        pyFiles = Copies.list(pyFiles);
        secrets = secrets == null ? SecretRefs.NONE : secrets;
        if (mode == null) {
            mode = sparkOperator ? SubmissionMode.OPERATOR_KUBEFLOW : SubmissionMode.SUBMIT;
        }
        sparkOperator = mode.usesOperator();
    }

    /** Configuration keys only: values of Spark conf and environment may be secrets. */
    @Override
    public String toString() {
        return "SparkSubmitDefinition[" + describe() + ", conf keys=" + conf.keySet() + ", env keys="
                + pod.env().keySet() + ", secret conf keys=" + secrets.confKeys() + ", secret env names="
                + secrets.envNames() + ", wait=" + waitSettings + "]";
    }

    @Override
    public String describe() {
        String where = target.isEks()
                ? "eks:" + target.aws().region() + "/" + target.clusterName()
                : target.serverUrl() != null ? target.serverUrl() : "the kubeconfig's cluster";
        return (name != null ? name : mainApplicationFile) + " in namespace " + namespace + " on " + where
                + (mode.usesOperator() ? " (mode " + mode.value() + ")" : "");
    }
}
