package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.util.Objects;

/**
 * The virtual cluster's EKS cluster as the caller reaches it: the shared client (owned by the connector that made
 * it, never closed here) and which cluster it is, which keys the shared driver pod informers.
 */
public record EmrClusterAccess(KubernetesClient client, ClusterCoordinates cluster) {
    public EmrClusterAccess {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(cluster, "cluster");
    }

    @Override
    public String toString() {
        return "EmrClusterAccess[" + cluster.describe() + "]";
    }
}
