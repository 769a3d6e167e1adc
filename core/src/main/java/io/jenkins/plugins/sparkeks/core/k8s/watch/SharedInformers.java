package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The process-wide informers over one kind of resource we manage (selected by our managed-by label, or by the labels
 * another creator sets, such as EMR on EKS's driver pods): one per (cluster, namespace), started by the first job that waits there and stopped when the last one stops waiting.
 * Subscribers are found by resource name, so a waiting job costs a map entry, not a watch or a thread.
 *
 * @param <T> the resource kind (one registry per kind)
 */
public final class SharedInformers<T extends HasMetadata> implements AutoCloseable {

    /** Hears about one named resource. Called from shared threads: each call must be quick and must not block. */
    public interface Listener<T> {

        /** The resource as first cached or as changed since. */
        void changed(T resource);

        /** The resource was deleted; {@code lastKnown} is its last state (a tombstone when the delete was missed). */
        void deleted(T lastKnown);

        /** After the first sync the cache does not hold the resource. */
        void absent();

        /** The informer could not start (no permission, no such API); nothing more will be heard. */
        void informerFailed(Throwable cause);

        /** The direct re-check cannot reach the API; every look at this cluster has failed for {@code since}. */
        default void unreachable(String problem, Duration since) {}

        /** The API answered the re-check again after failing for {@code lasted}. */
        default void reachable(Duration lasted) {}
    }

    /** One job's interest in one resource. */
    public interface Subscription extends AutoCloseable {

        /** Ends the subscription; the last one on a namespace stops its informer. Idempotent. */
        @Override
        void close();
    }

    private final Executor callbacks;
    private final Function<KubernetesClient, MixedOperation<T, ?, ?>> kind;
    private final LabelSelector selection;
    private final Map<InformerKey, NamespaceInformer> informers = new HashMap<>();
    private final ScheduledExecutorService scheduler;
    private final InformerRecheck recheck;
    private final Map<ClusterCoordinates, Integer> cursors = new HashMap<>();
    private final Map<ClusterCoordinates, Long> failingSince = new ConcurrentHashMap<>();
    private ScheduledFuture<?> recheckTask;
    private int informersStarted;

    /**
     * @param callbacks where cache snapshots are handed to new subscribers (a shared executor)
     * @param kind the resources of the kind in a client, e.g. {@code KubernetesClient::pods}
     */
    public SharedInformers(Executor callbacks, Function<KubernetesClient, MixedOperation<T, ?, ?>> kind) {
        this(callbacks, kind, null, null);
    }

    /**
     * @param scheduler where the direct re-check runs (the shared scheduler); null = no re-check
     * @param recheck   its pace
     */
    public SharedInformers(Executor callbacks, Function<KubernetesClient, MixedOperation<T, ?, ?>> kind,
            ScheduledExecutorService scheduler, InformerRecheck recheck) {
        this(callbacks, kind, managedByUs(), scheduler, recheck);
    }

    /**
     * @param selection which resources of the kind the informers list and watch (a label selector the API server
     *                  applies, so the cache holds only those)
     */
    public SharedInformers(Executor callbacks, Function<KubernetesClient, MixedOperation<T, ?, ?>> kind,
            LabelSelector selection, ScheduledExecutorService scheduler, InformerRecheck recheck) {
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.selection = Objects.requireNonNull(selection, "selection");
        this.scheduler = scheduler;
        this.recheck = scheduler == null ? null : Objects.requireNonNull(recheck, "recheck");
    }

    /**
     * Follows resource {@code name} in {@code namespace}. The first call for a namespace starts its informer with
     * {@code client}; later calls share it. The listener first hears the cached state (or
     * {@link Listener#absent()}) once the informer has synced, then every change.
     */
    public synchronized Subscription subscribe(
            KubernetesClient client, ClusterCoordinates cluster, String namespace, String name, Listener<T> listener) {
        InformerKey key = new InformerKey(cluster, namespace);
        NamespaceInformer owner = informers.get(key);
        if (owner == null) {
            owner = new NamespaceInformer(client, namespace);
            informers.put(key, owner);
            informersStarted++;
            if (scheduler != null && recheckTask == null) {
                long every = recheck.interval().toMillis();
                recheckTask = scheduler.scheduleWithFixedDelay(this::recheckRound, every, every, TimeUnit.MILLISECONDS);
            }
        }
        NamespaceInformer forKey = owner;
        return forKey.subscribe(name, listener, subscriber -> release(key, forKey, subscriber));
    }

    private synchronized void release(InformerKey key, NamespaceInformer owner, Subscriber subscriber) {
        if (owner.release(subscriber)) {
            informers.remove(key, owner);
            if (informers.isEmpty() && recheckTask != null) {
                recheckTask.cancel(false);
                recheckTask = null;
            }
        }
    }

    /**
     * One round of the safety net, on the shared scheduler: per cluster, the next few watched objects are read
     * directly and whatever the informer missed is delivered. The first failed read stops the cluster's round (the
     * API is away for all of them) and is reported to every subscriber there with the outage's length.
     */
    private void recheckRound() {
        Map<ClusterCoordinates, List<Target>> byCluster = new LinkedHashMap<>();
        synchronized (this) {
            informers.forEach((key, informer) -> informer.subscribers.keySet().stream().sorted()
                    .forEach(name -> byCluster.computeIfAbsent(key.cluster(), c -> new ArrayList<>()).add(new Target(informer, name))));
        }
        byCluster.forEach((cluster, targets) -> {
            int start;
            synchronized (this) {
                start = cursors.getOrDefault(cluster, 0);
                cursors.put(cluster, start + Math.min(recheck.perClusterPerTick(), targets.size()));
            }
            for (int i = 0; i < Math.min(recheck.perClusterPerTick(), targets.size()); i++) {
                Target t = targets.get(Math.floorMod(start + i, targets.size()));
                T now;
                try {
                    now = t.informer.read(t.name);
                } catch (RuntimeException e) {
                    long since = failingSince.computeIfAbsent(cluster, c -> System.nanoTime());
                    Duration lasted = Duration.ofNanos(System.nanoTime() - since);
                    String problem = "the API server at " + cluster.describe() + " did not answer (" + describe(e) + ")";
                    targets.forEach(each -> each.informer.deliver(each.name, l -> l.unreachable(problem, lasted)));
                    return;
                }
                Long since = failingSince.remove(cluster);
                if (since != null) {
                    Duration lasted = Duration.ofNanos(System.nanoTime() - since);
                    targets.forEach(each -> each.informer.deliver(each.name, l -> l.reachable(lasted)));
                }
                t.informer.reconcile(t.name, now);
            }
        });
    }

    /** What we create ourselves: everything carries our managed-by label. */
    public static LabelSelector managedByUs() {
        return new LabelSelectorBuilder().addToMatchLabels(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE).build();
    }

    private static String describe(RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getCode() > 0) {
            return "HTTP " + k.getCode();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** One watched object for a re-check round. */
    private final class Target {
        private final NamespaceInformer informer;
        private final String name;

        Target(NamespaceInformer informer, String name) {
            this.informer = informer;
            this.name = name;
        }
    }

    /** Informers started since this registry was made (a new one after the last job of a namespace left). */
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
        if (recheckTask != null) {
            recheckTask.cancel(false);
            recheckTask = null;
        }
        informers.values().forEach(NamespaceInformer::stop);
        informers.clear();
    }

    /**
     * Keeps trying through a flaky API server (a controller restarting while the cluster is briefly
     * unreachable must not fail every job), but gives up at once on what retrying cannot fix before the
     * first list: no permission, no such namespace, API or CRD.
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

    /** The informer of one (cluster, namespace); its methods run with the registry's lock held. */
    private final class NamespaceInformer {
        private final String namespace;
        private final KubernetesClient client;
        private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
        private final SharedIndexInformer<T> informer;
        private final CompletableFuture<Void> synced;
        private int references;

        NamespaceInformer(KubernetesClient client, String namespace) {
            this.namespace = namespace;
            this.client = client;
            this.informer = kind.apply(client)
                    .inNamespace(namespace)
                    .withLabelSelector(selection)
                    .runnableInformer(0);
            informer.addEventHandler(new ResourceEventHandler<T>() {
                @Override
                public void onAdd(T resource) {
                    route(resource, l -> l.changed(resource));
                }

                @Override
                public void onUpdate(T before, T resource) {
                    route(resource, l -> l.changed(resource));
                }

                @Override
                public void onDelete(T resource, boolean finalStateUnknown) {
                    // a delete only inferred from a relist (a server that came back with its state reset, a watch
                    // gap) was not seen: the listener looks for itself instead of being told someone deleted it
                    route(resource, finalStateUnknown ? Listener::absent : l -> l.deleted(resource));
                }
            });
            informer.exceptionHandler(SharedInformers::retry);
            this.synced = informer.start().toCompletableFuture();
        }

        Subscriber subscribe(String name, Listener<T> listener, Consumer<Subscriber> released) {
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
                T cached = informer.getStore().getByKey(namespace + "/" + name);
                if (cached != null) {
                    listener.changed(cached);
                } else {
                    listener.absent();
                }
            }, callbacks);
            return subscriber;
        }

        /** True when this was the last subscription. */
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

        /** The object as the API server has it now (null: it does not exist); throws when the API does not answer. */
        T read(String name) {
            return kind.apply(client).inNamespace(namespace).withName(name).get();
        }

        /** Delivers what a direct read shows and the informer's cache does not (a lost watch, a reset server). */
        void reconcile(String name, T now) {
            T cached = informer.getStore().getByKey(namespace + "/" + name);
            if (now == null) {
                // gone without the informer seeing a delete: not evidence that anyone deleted it
                deliver(name, Listener::absent);
            } else if (cached == null || !Objects.equals(cached.getMetadata().getResourceVersion(), now.getMetadata().getResourceVersion())) {
                deliver(name, l -> l.changed(now));
            }
        }

        void deliver(String name, Consumer<Listener<T>> call) {
            Set<Subscriber> forName = subscribers.get(name);
            if (forName != null) {
                forName.forEach(s -> {
                    if (s.open) {
                        call.accept(s.listener);
                    }
                });
            }
        }

        private void route(T resource, Consumer<Listener<T>> call) {
            Set<Subscriber> forName = subscribers.get(resource.getMetadata().getName());
            if (forName != null) {
                forName.forEach(s -> {
                    if (s.open) {
                        call.accept(s.listener);
                    }
                });
            }
        }
    }

    private final class Subscriber implements Subscription {
        private final String name;
        private final Listener<T> listener;
        /** Dropped once called: a finished job someone still holds must not keep its namespace's informer cache. */
        private Consumer<Subscriber> released;
        private volatile boolean open = true;

        Subscriber(String name, Listener<T> listener, Consumer<Subscriber> released) {
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
            Consumer<Subscriber> release;
            synchronized (this) {
                release = released;
                released = null;
            }
            release.accept(this);
        }
    }
}
