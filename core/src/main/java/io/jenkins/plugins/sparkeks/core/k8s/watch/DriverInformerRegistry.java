package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The process-wide set of driver pod informers: one per (cluster, namespace), started by the first job
 * that waits there and stopped when the last one stops waiting. Waiting jobs cost a map entry, not a
 * watch or a thread.
 */
public final class DriverInformerRegistry implements AutoCloseable {

    private final Executor callbacks;
    private final Map<InformerKey, NamespaceInformers> informers = new HashMap<>();
    private int informersStarted;

    /** @param callbacks where cache snapshots are handed to new subscribers (a shared executor) */
    public DriverInformerRegistry(Executor callbacks) {
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    }

    /**
     * Follows {@code podName} in {@code namespace}. The first call for a namespace starts its informer with
     * {@code client}; later calls share it. The listener first hears the cached state (or
     * {@link DriverPodListener#podAbsent()}) once the informer has synced, then every change.
     */
    public synchronized DriverPodSubscription subscribe(
            KubernetesClient client, ClusterCoordinates cluster, String namespace, String podName, DriverPodListener listener) {
        InformerKey key = new InformerKey(cluster, namespace);
        NamespaceInformers forKey = informers.get(key);
        if (forKey == null) {
            forKey = new NamespaceInformers(key, client, callbacks);
            informers.put(key, forKey);
            informersStarted++;
        }
        NamespaceInformers owner = forKey;
        return owner.subscribe(podName, listener, subscriber -> release(key, owner, subscriber));
    }

    private synchronized void release(InformerKey key, NamespaceInformers owner, NamespaceInformers.Subscriber subscriber) {
        if (owner.release(subscriber)) {
            informers.remove(key, owner);
        }
    }

    /** Pod informers started since this registry was made (a new one after the last job of a namespace left). */
    public synchronized int informersStarted() {
        return informersStarted;
    }

    /** Pod informers running now. */
    public synchronized int activeInformers() {
        return informers.size();
    }

    /** Whether the event informer of a namespace runs now (only while some driver there is pending). */
    public synchronized boolean eventInformerRunning(ClusterCoordinates cluster, String namespace) {
        NamespaceInformers forKey = informers.get(new InformerKey(cluster, namespace));
        return forKey != null && forKey.eventInformerRunning();
    }

    /** Stops every informer; for process shutdown. */
    @Override
    public synchronized void close() {
        informers.values().forEach(NamespaceInformers::stopAll);
        informers.clear();
    }
}
