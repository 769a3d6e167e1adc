package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Hears about one driver pod from the shared informers: the pod itself, and its Kubernetes events while the
 * subscription asks for them. Called from shared informer threads: each call must be quick and must not block.
 */
public interface DriverPodListener extends SharedInformers.Listener<Pod> {

    /** A Kubernetes event about the pod, while the subscription asked for them. */
    void podEvent(Event event);
}
