package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.watch.SharedInformers;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import io.jenkins.plugins.sparkeks.core.k8s.watch.InformerRecheck;

/**
 * The process-wide SparkApplication informers: the shared informers over the applications we created, one per
 * (cluster, namespace).
 */
public final class SparkApplicationInformers implements AutoCloseable {

    private final SharedInformers<GenericKubernetesResource> applications;

    /** @param callbacks where cache snapshots are handed to new subscribers (a shared executor) */
    public SparkApplicationInformers(Executor callbacks) {
        this.applications = new SharedInformers<>(callbacks, client -> client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT));
    }

    /** On the shared scheduler, with the {@link InformerRecheck#DEFAULT} safety net. */
    public SparkApplicationInformers(ScheduledExecutorService scheduler) {
        this(scheduler, InformerRecheck.DEFAULT);
    }

    /** On the shared scheduler, which also re-reads every watched application directly at {@code recheck}'s pace. */
    public SparkApplicationInformers(ScheduledExecutorService scheduler, InformerRecheck recheck) {
        this.applications = new SharedInformers<>(scheduler, client -> client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT),
                scheduler, recheck);
    }

    /** Follows application {@code name}; the listener first hears the synced cache, then every change. */
    AutoCloseable subscribe(
            KubernetesClient client, ClusterCoordinates cluster, String namespace, String name, SharedInformers.Listener<GenericKubernetesResource> listener) {
        return applications.subscribe(client, cluster, namespace, name, listener);
    }

    /** Informers started since this registry was made. */
    public int informersStarted() {
        return applications.informersStarted();
    }

    /** Informers running now. */
    public int activeInformers() {
        return applications.activeInformers();
    }

    /** Stops every informer; for process shutdown. */
    @Override
    public void close() {
        applications.close();
    }
}
