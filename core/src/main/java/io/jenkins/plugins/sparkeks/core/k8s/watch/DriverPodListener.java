package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Hears about one driver pod from the shared informers. Called from shared informer threads: each call
 * must be quick and must not block.
 */
public interface DriverPodListener {

    /** The pod as it is now (added, changed, or found in the cache when subscribing). */
    void podChanged(Pod pod);

    /** The pod was deleted; {@code lastKnown} is its last state (a tombstone when the delete was missed). */
    void podDeleted(Pod lastKnown);

    /** The informer's cache has no pod of that name when the subscription starts. */
    void podAbsent();

    /** A Kubernetes event about the pod, while the subscription asked for them. */
    void podEvent(Event event);

    /** The informer could not start (e.g. no permission to list pods); nothing more will be heard. */
    void informerFailed(Throwable cause);
}
