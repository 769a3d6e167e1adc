package io.jenkins.plugins.sparkeks.core.insight;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The driver pod whose UI insight reads: its expected name, and Spark's driver labels to find it by when the name
 * is not the one expected (an operator or EMR that names pods its own way).
 *
 * @param namespace the driver's namespace
 * @param podName   the name the backend gives the driver pod
 * @param labels    labels only that job's driver pod carries, null when the name is certain
 */
public record DriverTarget(String namespace, String podName, Map<String, String> labels) {

    /** The label EMR on EKS puts on every pod of a job run. */
    static final String EMR_JOB_ID_LABEL = "emr-containers.amazonaws.com/job.id";
    /** The label the Spark Operator (Kubeflow) puts on the pods of a SparkApplication. */
    static final String OPERATOR_APP_NAME_LABEL = "sparkoperator.k8s.io/app-name";

    public DriverTarget {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(podName, "podName");
        labels = labels == null ? null : Map.copyOf(labels);
    }

    /** Where the driver of {@code reference} runs; empty when that is unknown (an EMR run whose namespace is not known). */
    public static Optional<DriverTarget> of(JobReference reference) {
        if (reference instanceof DriverPodReference p) {
            return Optional.of(new DriverTarget(p.namespace(), p.podName(), null));
        }
        if (reference instanceof SparkApplicationReference a) {
            return Optional.of(new DriverTarget(a.namespace(), a.driverPodName(),
                    Map.of(OPERATOR_APP_NAME_LABEL, a.name(), SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)));
        }
        if (reference instanceof EmrJobRunReference r && r.namespace() != null) {
            return Optional.of(new DriverTarget(r.namespace(), r.driverPodName(),
                    Map.of(EMR_JOB_ID_LABEL, r.jobRunId(), SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)));
        }
        return Optional.empty();
    }

    /**
     * The driver Service spark-submit (and this project's submitter) creates next to a pod named {@code <prefix>-driver}:
     * {@code <prefix>-driver-svc}. Empty when the pod is named otherwise or that name would exceed a DNS label, where
     * Spark picks a random service name instead.
     */
    public Optional<String> serviceName() {
        if (!podName.endsWith("-driver")) {
            return Optional.empty();
        }
        String service = podName + "-svc";
        return service.length() <= 63 ? Optional.of(service) : Optional.empty();
    }

    public String describe() {
        return namespace + "/" + podName;
    }
}
