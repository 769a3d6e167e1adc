package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.watch.SharedInformers;
import java.util.concurrent.Executor;

/**
 * The process-wide informers over EMR on EKS driver pods: one per (cluster, namespace) however many runs wait there,
 * selecting only the pods EMR labels as a job run's Spark driver ({@code spark-role=driver} and EMR's
 * {@code component=driver}, equality selectors every API server filters on the watch too), so executors, job runners
 * and our own spark-submit drivers are not cached. A run
 * is found by its driver pod's name. No direct re-check: the EMR poll behind every watch is the safety net.
 */
final class EmrDriverPods implements AutoCloseable {

    /** EMR on EKS labels every pod of a run with the run's id. */
    static final String JOB_ID_LABEL = "emr-containers.amazonaws.com/job.id";
    /** And with its part in the run: job-runner, driver or executor. */
    static final String COMPONENT_LABEL = "emr-containers.amazonaws.com/component";

    private final SharedInformers<Pod> informers;

    EmrDriverPods(Executor callbacks) {
        this.informers = new SharedInformers<>(callbacks, KubernetesClient::pods, selection(), null, null);
    }

    static LabelSelector selection() {
        return new LabelSelectorBuilder()
                .addToMatchLabels(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)
                .addToMatchLabels(COMPONENT_LABEL, "driver")
                .build();
    }

    SharedInformers.Subscription subscribe(KubernetesClient client, ClusterCoordinates cluster, String namespace,
            String podName, SharedInformers.Listener<Pod> listener) {
        return informers.subscribe(client, cluster, namespace, podName, listener);
    }

    int activeInformers() {
        return informers.activeInformers();
    }

    int informersStarted() {
        return informers.informersStarted();
    }

    @Override
    public void close() {
        informers.close();
    }
}
