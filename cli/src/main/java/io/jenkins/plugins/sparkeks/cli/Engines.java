package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrClusterAccess;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.insight.InsightBackend;
import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.insight.SparkConfs;
import java.util.Map;
import java.util.function.Function;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
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

    /**
     * How Spark insight reaches the drivers of {@code backend}'s jobs: the Kubernetes engine's client, or none for
     * EMR on EKS (the command line has no access to a virtual cluster's EKS cluster). Null: engines without insight.
     */
    default InsightWiring insight(SparkJobBackend<?> backend) {
        return null;
    }

    /** {@code backend} with Spark insight as {@code options} ask (or {@code backend} itself when it is off). */
    default <S> SparkJobBackend<S> withInsight(SparkJobBackend<S> backend, InsightOptions options,
            Function<S, Map<String, String>> conf) {
        InsightWiring wiring = insight(backend);
        return wiring == null ? backend : InsightBackend.wrap(backend, options, wiring, conf);
    }

    /**
     * Insight for an EMR run whose EKS cluster the user lets the command line reach: the virtual cluster's EKS cluster
     * connected with the run's AWS identity, or {@link #insight} with the reason when that fails. These engines
     * without such access: just {@link #insight}.
     */
    default InsightWiring emrClusterInsight(SparkJobBackend<EmrJobRequest> backend, EmrJobRequest request) {
        return insight(backend);
    }

    /**
     * {@code api}'s runs started through the ACK JobRun resource in the virtual cluster's EKS cluster, connected with
     * the run's AWS identity; engines that cannot reach that cluster refuse.
     */
    default SparkJobBackend<EmrJobRequest> emrThroughAck(SparkJobBackend<EmrJobRequest> api, EmrJobRequest request) {
        throw new IllegalStateException("these engines cannot reach an EKS cluster for --submit-through ack");
    }

    /** The EMR engine with insight, reaching the driver pod through the EKS cluster when {@code clusterAccess}. */
    default SparkJobBackend<EmrJobRequest> withEmrInsight(SparkJobBackend<EmrJobRequest> backend, InsightOptions options,
            EmrJobRequest request, boolean clusterAccess) {
        InsightWiring wiring = clusterAccess ? emrClusterInsight(backend, request) : insight(backend);
        // the same connection serves end detection (the driver pod on a shared informer) and insight
        if (wiring != null && wiring.client() != null && wiring.clusterKey() instanceof ClusterCoordinates cluster
                && backend instanceof EmrBackend emr) {
            backend = emr.withClusterAccess(new EmrClusterAccess(wiring.client(), cluster));
        }
        return wiring == null ? backend : InsightBackend.wrap(backend, options, wiring, SparkConfs::of);
    }

    @Override
    void close();
}
