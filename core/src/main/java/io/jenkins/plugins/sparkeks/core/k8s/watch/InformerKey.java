package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.util.Objects;

/** One shared informer per cluster and namespace. */
record InformerKey(ClusterCoordinates cluster, String namespace) {
    InformerKey {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(namespace, "namespace");
    }
}
