package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Hears what the shared SparkApplication informer of a namespace sees of one application. Called from shared threads. */
interface SparkApplicationListener {

    /** The application as first cached or as changed since. */
    void appChanged(GenericKubernetesResource app);

    /** The application was deleted; {@code lastKnown} is its final state. */
    void appDeleted(GenericKubernetesResource lastKnown);

    /** After the first sync the cache does not hold the application. */
    void appAbsent();

    /** The informer cannot run (no permission, no CRD, broken API server before the first list). */
    void informerFailed(Throwable cause);
}
