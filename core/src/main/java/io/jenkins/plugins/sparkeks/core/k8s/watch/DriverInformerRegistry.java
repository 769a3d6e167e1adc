package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The process-wide driver pod informers: the shared informers over the pods we manage, one per (cluster,
 * namespace), plus for each namespace an event informer that runs only while some job's driver is pending.
 * Waiting jobs cost a map entry, not a watch or a thread.
 */
public final class DriverInformerRegistry implements AutoCloseable {

    private final Executor callbacks;
    private final SharedInformers<Pod> pods;
    private final Map<InformerKey, PodEvents> events = new HashMap<>();

    /** @param callbacks where cache snapshots are handed to new subscribers (a shared executor) */
    public DriverInformerRegistry(Executor callbacks) {
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        this.pods = new SharedInformers<>(callbacks, KubernetesClient::pods);
    }

    /** On the shared scheduler, with the {@link InformerRecheck#DEFAULT} safety net. */
    public DriverInformerRegistry(ScheduledExecutorService scheduler) {
        this(scheduler, InformerRecheck.DEFAULT);
    }

    /** On the shared scheduler, which also runs the direct re-check of every watched driver pod at {@code recheck}'s pace. */
    public DriverInformerRegistry(ScheduledExecutorService scheduler, InformerRecheck recheck) {
        this.callbacks = Objects.requireNonNull(scheduler, "scheduler");
        this.pods = new SharedInformers<>(scheduler, KubernetesClient::pods, scheduler, recheck);
    }

    /**
     * Follows {@code podName} in {@code namespace}. The first call for a namespace starts its informer with
     * {@code client}; later calls share it. The listener first hears the cached state (or
     * {@link SharedInformers.Listener#absent()}) once the informer has synced, then every change.
     */
    public DriverPodSubscription subscribe(
            KubernetesClient client, ClusterCoordinates cluster, String namespace, String podName, DriverPodListener listener) {
        return new PodSubscription(client, new InformerKey(cluster, namespace), podName, listener);
    }

    /** Pod informers started since this registry was made (a new one after the last job of a namespace left). */
    public int informersStarted() {
        return pods.informersStarted();
    }

    /** Pod informers running now. */
    public int activeInformers() {
        return pods.activeInformers();
    }

    /** Whether the event informer of a namespace runs now (only while some driver there is pending). */
    public synchronized boolean eventInformerRunning(ClusterCoordinates cluster, String namespace) {
        return events.containsKey(new InformerKey(cluster, namespace));
    }

    /** Stops every informer; for process shutdown. */
    @Override
    public synchronized void close() {
        pods.close();
        events.values().forEach(e -> e.informer.stop());
        events.clear();
    }

    private synchronized void eventsWanted(PodSubscription subscription) {
        PodEvents forKey = events.computeIfAbsent(subscription.key, k -> new PodEvents(subscription.client, k.namespace()));
        forKey.wanting.computeIfAbsent(subscription.podName, n -> new CopyOnWriteArraySet<>()).add(subscription);
        SharedIndexInformer<Event> informer = forKey.informer;
        // Events recorded before this subscriber asked are in the cache already.
        forKey.synced.thenRunAsync(() -> informer.getStore().list().stream()
                .filter(e -> subscription.podName.equals(podNameOf(e)))
                .forEach(subscription::deliverEvent), callbacks);
    }

    private synchronized void eventsUnwanted(PodSubscription subscription) {
        PodEvents forKey = events.get(subscription.key);
        if (forKey == null) {
            return;
        }
        Set<PodSubscription> forName = forKey.wanting.get(subscription.podName);
        if (forName != null) {
            forName.remove(subscription);
            if (forName.isEmpty()) {
                forKey.wanting.remove(subscription.podName, forName);
            }
        }
        if (forKey.wanting.isEmpty()) {
            forKey.informer.stop();
            events.remove(subscription.key, forKey);
        }
    }

    /** The pod an event is about, or null when it is about something else. */
    private static String podNameOf(Event event) {
        ObjectReference involved = event.getInvolvedObject();
        return involved != null && "Pod".equals(involved.getKind()) ? involved.getName() : null;
    }

    /** The event informer of one namespace and the subscriptions that want its events, by pod name. */
    private static final class PodEvents {
        private final Map<String, Set<PodSubscription>> wanting = new ConcurrentHashMap<>();
        private final SharedIndexInformer<Event> informer;
        private final CompletableFuture<Void> synced;

        PodEvents(KubernetesClient client, String namespace) {
            this.informer = client.v1().events().inNamespace(namespace).runnableInformer(0);
            informer.addEventHandler(new ResourceEventHandler<Event>() {
                @Override
                public void onAdd(Event event) {
                    route(event);
                }

                @Override
                public void onUpdate(Event before, Event event) {
                    route(event);
                }

                @Override
                public void onDelete(Event event, boolean finalStateUnknown) {
                    // expired events tell nothing new
                }
            });
            this.synced = informer.start().toCompletableFuture();
        }

        private void route(Event event) {
            String podName = podNameOf(event);
            Set<PodSubscription> forName = podName == null ? null : wanting.get(podName);
            if (forName != null) {
                forName.forEach(s -> s.deliverEvent(event));
            }
        }
    }

    private final class PodSubscription implements DriverPodSubscription {
        private final KubernetesClient client;
        private final InformerKey key;
        private final String podName;
        private final DriverPodListener listener;
        private final SharedInformers.Subscription pod;
        private volatile boolean open = true;
        private volatile boolean wantsEvents;

        PodSubscription(KubernetesClient client, InformerKey key, String podName, DriverPodListener listener) {
            this.client = client;
            this.key = key;
            this.podName = podName;
            this.listener = listener;
            this.pod = pods.subscribe(client, key.cluster(), key.namespace(), podName, listener);
        }

        @Override
        public synchronized void wantEvents(boolean want) {
            if (!open || want == wantsEvents) {
                return;
            }
            wantsEvents = want;
            if (want) {
                eventsWanted(this);
            } else {
                eventsUnwanted(this);
            }
        }

        void deliverEvent(Event event) {
            if (open && wantsEvents) {
                listener.podEvent(event);
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (!open) {
                    return;
                }
                open = false;
                if (wantsEvents) {
                    wantsEvents = false;
                    eventsUnwanted(this);
                }
            }
            pod.close();
        }
    }
}
