package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In the servers' JVM: when each driver container was first seen terminated, in epoch milliseconds. The pod's own
 * {@code finishedAt} has whole seconds only; this watch runs beside the mock, so it is the earliest a client could
 * know, and terminal-detection latency is measured from it (both JVMs share the machine's clock).
 */
final class TerminationTimes implements Watcher<Pod> {

    private final Map<String, Map<String, Long>> byNamespace = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> createdByNamespace = new ConcurrentHashMap<>();

    static TerminationTimes watch(KubernetesClient client) {
        TerminationTimes times = new TerminationTimes();
        client.pods().inAnyNamespace().watch(times);
        return times;
    }

    @Override
    public void eventReceived(Action action, Pod pod) {
        long now = System.currentTimeMillis();
        if (action == Action.ADDED) {
            createdByNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), k -> new ConcurrentHashMap<>())
                    .putIfAbsent(pod.getMetadata().getName(), now);
        }
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return;
        }
        for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
            if (SparkLabels.DRIVER_CONTAINER.equals(c.getName()) && c.getState() != null
                    && c.getState().getTerminated() != null) {
                byNamespace.computeIfAbsent(pod.getMetadata().getNamespace(), k -> new ConcurrentHashMap<>())
                        .putIfAbsent(pod.getMetadata().getName(), now);
            }
        }
    }

    @Override
    public void onClose(WatcherException cause) {
        // the bench reads what it has; a closed watch shows as missing times, never as wrong ones
    }

    String in(String namespace) {
        return format(byNamespace, namespace);
    }

    /** When each pod of the namespace was first seen at all (its creation, as a watcher learns it). */
    String createdIn(String namespace) {
        return format(createdByNamespace, namespace);
    }

    private static String format(Map<String, Map<String, Long>> times, String namespace) {
        StringJoiner out = new StringJoiner(" ");
        times.getOrDefault(namespace, Map.of()).forEach((pod, at) -> out.add(pod + "=" + at));
        return out.toString();
    }
}
