package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The process-wide set of SparkApplication informers: one per (cluster, namespace) over the applications we
 * created there, started by the first job that waits and stopped when the last one stops. A waiting job
 * costs a map entry, not a watch or a thread.
 */
public final class SparkApplicationInformers implements AutoCloseable {

    private final Executor callbacks;
    private final Map<Key, NamespaceApps> informers = new HashMap<>();
    private int informersStarted;

    /** @param callbacks where cache snapshots are handed to new subscribers (a shared executor) */
    public SparkApplicationInformers(Executor callbacks) {
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    }

    /** Follows application {@code name}; the listener first hears the synced cache, then every change. */
    synchronized AutoCloseable subscribe(
            KubernetesClient client, ClusterCoordinates cluster, String namespace, String name, SparkApplicationListener listener) {
        Key key = new Key(cluster, namespace);
        NamespaceApps owner = informers.get(key);
        if (owner == null) {
            owner = new NamespaceApps(client, namespace);
            informers.put(key, owner);
            informersStarted++;
        }
        NamespaceApps forKey = owner;
        return forKey.subscribe(name, listener, subscriber -> release(key, forKey, subscriber));
    }

    private synchronized void release(Key key, NamespaceApps owner, Subscriber subscriber) {
        if (owner.release(subscriber)) {
            informers.remove(key, owner);
        }
    }

    /** Informers started since this registry was made. */
    public synchronized int informersStarted() {
        return informersStarted;
    }

    /** Informers running now. */
    public synchronized int activeInformers() {
        return informers.size();
    }

    /** Stops every informer; for process shutdown. */
    @Override
    public synchronized void close() {
        informers.values().forEach(NamespaceApps::stop);
        informers.clear();
    }

    private record Key(ClusterCoordinates cluster, String namespace) {}

    /**
     * Like the driver pod informers: keep retrying through a flaky API server once started, give up before the
     * first list on what retrying cannot fix (no permission, no CRD).
     */
    static boolean retry(boolean started, Throwable failure) {
        if (ExceptionHandler.isDeserializationException(failure)) {
            return false;
        }
        if (started) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403 || k.getCode() == 404)) {
                return false;
            }
        }
        return true;
    }

    private final class NamespaceApps {
        private final String namespace;
        private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
        private final SharedIndexInformer<GenericKubernetesResource> informer;
        private final CompletableFuture<Void> synced;
        private int references;

        NamespaceApps(KubernetesClient client, String namespace) {
            this.namespace = namespace;
            this.informer = client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT)
                    .inNamespace(namespace)
                    .withLabel(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                    .runnableInformer(0);
            informer.addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
                @Override
                public void onAdd(GenericKubernetesResource app) {
                    route(app, l -> l.appChanged(app));
                }

                @Override
                public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource app) {
                    route(app, l -> l.appChanged(app));
                }

                @Override
                public void onDelete(GenericKubernetesResource app, boolean finalStateUnknown) {
                    route(app, l -> l.appDeleted(app));
                }
            });
            informer.exceptionHandler(SparkApplicationInformers::retry);
            this.synced = informer.start().toCompletableFuture();
        }

        Subscriber subscribe(String name, SparkApplicationListener listener, Consumer<Subscriber> released) {
            references++;
            Subscriber subscriber = new Subscriber(name, listener, released);
            subscribers.computeIfAbsent(name, n -> new CopyOnWriteArraySet<>()).add(subscriber);
            synced.whenCompleteAsync((ok, failure) -> {
                if (!subscriber.open) {
                    return;
                }
                if (failure != null) {
                    listener.informerFailed(failure);
                    return;
                }
                GenericKubernetesResource cached = informer.getStore().getByKey(namespace + "/" + name);
                if (cached != null) {
                    listener.appChanged(cached);
                } else {
                    listener.appAbsent();
                }
            }, callbacks);
            return subscriber;
        }

        boolean release(Subscriber subscriber) {
            Set<Subscriber> forName = subscribers.get(subscriber.name);
            if (forName != null) {
                forName.remove(subscriber);
                if (forName.isEmpty()) {
                    subscribers.remove(subscriber.name, forName);
                }
            }
            references--;
            if (references == 0) {
                informer.stop();
                return true;
            }
            return false;
        }

        void stop() {
            subscribers.values().forEach(set -> set.forEach(s -> s.open = false));
            subscribers.clear();
            informer.stop();
        }

        private void route(GenericKubernetesResource app, Consumer<SparkApplicationListener> call) {
            Set<Subscriber> forName = subscribers.get(app.getMetadata().getName());
            if (forName != null) {
                forName.forEach(s -> {
                    if (s.open) {
                        call.accept(s.listener);
                    }
                });
            }
        }
    }

    private static final class Subscriber implements AutoCloseable {
        private final String name;
        private final SparkApplicationListener listener;
        private final Consumer<Subscriber> released;
        private volatile boolean open = true;

        Subscriber(String name, SparkApplicationListener listener, Consumer<Subscriber> released) {
            this.name = name;
            this.listener = listener;
            this.released = released;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (!open) {
                    return;
                }
                open = false;
            }
            released.accept(this);
        }
    }
}
