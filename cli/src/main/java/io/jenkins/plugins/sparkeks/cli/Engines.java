package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SubmissionMode;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;

/**
 * Where the commands get their engines: real clusters and AWS ({@link ClusterEngines}), or the embedded
 * sandbox ({@link SandboxEngines}, used by {@code demo} and the tests). Engines are made lazily and closed
 * with the command.
 */
interface Engines extends AutoCloseable {

    SparkJobBackend<SparkSubmitRequest> kubernetes(KubernetesFlags cluster);

    /** A SparkApplication for the operator {@code mode} names, or the one the cluster has. */
    default SparkJobBackend<SparkSubmitRequest> operator(KubernetesFlags cluster, SubmissionMode mode) {
        throw new IllegalStateException("these engines have no Spark operator (mode " + mode.value() + ")");
    }

    /** Where a driver goes when no namespace is given: the kubeconfig context's, the pod's, else {@code default}. */
    default String kubernetesNamespace(KubernetesFlags cluster) {
        return SparkSubmitRequest.DEFAULT_NAMESPACE;
    }

    SparkJobBackend<EmrJobRequest> emr(AwsFlags aws);

    /** The engine that can follow, describe or cancel {@code reference}. */
    SparkJobBackend<?> forReference(JobReference reference, KubernetesFlags access);

    @Override
    void close();
}
