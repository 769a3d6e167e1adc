package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.watch.InformerRecheck;
import io.jenkins.plugins.sparkeks.core.k8s.watch.SharedInformers;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The process-wide SparkApplication informers: the shared informers over the applications we created, one per
 * (operator API, cluster, namespace).
 */
public final class SparkApplicationInformers implements AutoCloseable {

    private final Executor callbacks;
    private final ScheduledExecutorService scheduler;
    private final InformerRecheck recheck;
    private final Map<OperatorApi, SharedInformers<GenericKubernetesResource>> byApi = new ConcurrentHashMap<>();

    /** @param callbacks where cache snapshots are handed to new subscribers (a shared executor); no direct re-check */
    public SparkApplicationInformers(Executor callbacks) {
        this.callbacks = callbacks;
        this.scheduler = null;
        this.recheck = null;
    }

    /** On the shared scheduler, with the {@link InformerRecheck#DEFAULT} safety net. */
    public SparkApplicationInformers(ScheduledExecutorService scheduler) {
        this(scheduler, InformerRecheck.DEFAULT);
    }

    /** On the shared scheduler, which also re-reads every watched application directly at {@code recheck}'s pace. */
    public SparkApplicationInformers(ScheduledExecutorService scheduler, InformerRecheck recheck) {
        this.callbacks = scheduler;
        this.scheduler = scheduler;
        this.recheck = recheck;
    }

    /** Follows the Kubeflow application {@code name}; the listener first hears the synced cache, then every change. */
    AutoCloseable subscribe(
            KubernetesClient client, ClusterCoordinates cluster, String namespace, String name, SharedInformers.Listener<GenericKubernetesResource> listener) {
        return subscribe(OperatorApi.KUBEFLOW, client, cluster, namespace, name, listener);
    }

    /** Follows application {@code name} of {@code api}; the listener first hears the synced cache, then every change. */
    AutoCloseable subscribe(OperatorApi api, KubernetesClient client, ClusterCoordinates cluster, String namespace, String name,
            SharedInformers.Listener<GenericKubernetesResource> listener) {
        SharedInformers<GenericKubernetesResource> informers = byApi.computeIfAbsent(api,
                a -> new SharedInformers<>(callbacks, c -> c.genericKubernetesResources(a.context()), scheduler, recheck));
        return informers.subscribe(client, cluster, namespace, name, listener);
    }

    /** Informers started since this registry was made. */
    public int informersStarted() {
        return byApi.values().stream().mapToInt(SharedInformers::informersStarted).sum();
    }

    /** Informers running now. */
    public int activeInformers() {
        return byApi.values().stream().mapToInt(SharedInformers::activeInformers).sum();
    }

    /** Stops every informer; for process shutdown. */
    @Override
    public void close() {
        byApi.values().forEach(SharedInformers::close);
    }
}
