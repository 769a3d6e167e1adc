package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The informers of one (cluster, namespace): a pod informer over every pod we manage there, shared by all
 * jobs in the namespace, and an event informer that runs only while some job's driver is pending.
 * Subscribers are found by pod name.
 */
final class NamespaceInformers {

    private final InformerKey key;
    private final KubernetesClient client;
    private final Executor callbacks;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> pods;
    private final CompletableFuture<Void> podsSynced;
    private SharedIndexInformer<Event> events;
    private CompletableFuture<Void> eventsSynced;
    private int wantingEvents;
    private int references;

    NamespaceInformers(InformerKey key, KubernetesClient client, Executor callbacks) {
        this.key = key;
        this.client = client;
        this.callbacks = callbacks;
        this.pods = client.pods()
                .inNamespace(key.namespace())
                .withLabel(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                .runnableInformer(0);
        pods.addEventHandler(new ResourceEventHandler<Pod>() {
            @Override
            public void onAdd(Pod pod) {
                forPod(pod.getMetadata().getName(), l -> l.podChanged(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                forPod(pod.getMetadata().getName(), l -> l.podChanged(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                forPod(pod.getMetadata().getName(), l -> l.podDeleted(pod));
            }
        });
        pods.exceptionHandler(NamespaceInformers::retry);
        this.podsSynced = pods.start().toCompletableFuture();
    }

    /**
     * Keeps trying through a flaky API server (a controller restarting while the cluster is briefly
     * unreachable must not fail every job), but gives up at once on what retrying cannot fix before the
     * first list: no permission, no such namespace or API.
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

    /** Called with the registry's lock held. */
    Subscriber subscribe(String podName, DriverPodListener listener, Consumer<Subscriber> released) {
        references++;
        Subscriber subscriber = new Subscriber(podName, listener, released);
        subscribers.computeIfAbsent(podName, n -> new CopyOnWriteArraySet<>()).add(subscriber);
        podsSynced.whenCompleteAsync((ok, failure) -> {
            if (!subscriber.open) {
                return;
            }
            if (failure != null) {
                listener.informerFailed(failure);
                return;
            }
            Pod cached = pods.getStore().getByKey(key.namespace() + "/" + podName);
            if (cached != null) {
                listener.podChanged(cached);
            } else {
                listener.podAbsent();
            }
        }, callbacks);
        return subscriber;
    }

    /** Called with the registry's lock held; true when this was the last subscription. */
    boolean release(Subscriber subscriber) {
        Set<Subscriber> forName = subscribers.get(subscriber.podName);
        if (forName != null) {
            forName.remove(subscriber);
            if (forName.isEmpty()) {
                subscribers.remove(subscriber.podName, forName);
            }
        }
        if (subscriber.wantsEvents) {
            subscriber.wantsEvents = false;
            eventsWanted(false, subscriber);
        }
        references--;
        if (references == 0) {
            pods.stop();
            return true;
        }
        return false;
    }

    /** Called with the registry's lock held, at shutdown. */
    synchronized void stopAll() {
        subscribers.values().forEach(set -> set.forEach(s -> s.open = false));
        subscribers.clear();
        pods.stop();
        if (events != null) {
            events.stop();
            events = null;
        }
    }

    boolean eventInformerRunning() {
        synchronized (this) {
            return events != null;
        }
    }

    private synchronized void eventsWanted(boolean want, Subscriber subscriber) {
        if (want) {
            wantingEvents++;
            if (events == null) {
                events = client.v1().events().inNamespace(key.namespace()).runnableInformer(0);
                events.addEventHandler(new ResourceEventHandler<Event>() {
                    @Override
                    public void onAdd(Event event) {
                        routeEvent(event);
                    }

                    @Override
                    public void onUpdate(Event before, Event event) {
                        routeEvent(event);
                    }

                    @Override
                    public void onDelete(Event event, boolean finalStateUnknown) {
                        // expired events tell nothing new
                    }
                });
                eventsSynced = events.start().toCompletableFuture();
            }
            SharedIndexInformer<Event> informer = events;
            // Events recorded before this subscriber asked are in the cache already.
            eventsSynced.thenRunAsync(() -> informer.getStore().list().stream()
                    .filter(e -> isAbout(e, subscriber.podName))
                    .forEach(e -> subscriber.deliverEvent(e)), callbacks);
        } else {
            wantingEvents--;
            if (wantingEvents == 0 && events != null) {
                events.stop();
                events = null;
                eventsSynced = null;
            }
        }
    }

    private void routeEvent(Event event) {
        ObjectReference involved = event.getInvolvedObject();
        if (involved == null || !"Pod".equals(involved.getKind()) || involved.getName() == null) {
            return;
        }
        Set<Subscriber> forName = subscribers.get(involved.getName());
        if (forName != null) {
            forName.forEach(s -> s.deliverEvent(event));
        }
    }

    private static boolean isAbout(Event event, String podName) {
        ObjectReference involved = event.getInvolvedObject();
        return involved != null && "Pod".equals(involved.getKind()) && podName.equals(involved.getName());
    }

    private void forPod(String podName, Consumer<DriverPodListener> call) {
        Set<Subscriber> forName = subscribers.get(podName);
        if (forName != null) {
            forName.forEach(s -> {
                if (s.open) {
                    call.accept(s.listener);
                }
            });
        }
    }

    final class Subscriber implements DriverPodSubscription {
        private final String podName;
        private final DriverPodListener listener;
        private final Consumer<Subscriber> released;
        private volatile boolean open = true;
        private volatile boolean wantsEvents;

        Subscriber(String podName, DriverPodListener listener, Consumer<Subscriber> released) {
            this.podName = podName;
            this.listener = listener;
            this.released = released;
        }

        @Override
        public synchronized void wantEvents(boolean want) {
            if (!open || want == wantsEvents) {
                return;
            }
            wantsEvents = want;
            eventsWanted(want, this);
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
            }
            released.accept(this);
        }
    }
}
