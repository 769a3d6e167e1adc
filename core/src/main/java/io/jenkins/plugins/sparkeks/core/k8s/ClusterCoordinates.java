package io.jenkins.plugins.sparkeks.core.k8s;

import java.io.Serializable;

/**
 * Which Kubernetes cluster a job lives on, without any credential: for an EKS cluster its region and
 * name, otherwise the API server URL. Kept in references to refuse resuming against another cluster.
 */
public record ClusterCoordinates(String region, String clusterName, String server) implements Serializable {

    public static ClusterCoordinates eks(String region, String clusterName) {
        return new ClusterCoordinates(region, clusterName, null);
    }

    public static ClusterCoordinates server(String server) {
        return new ClusterCoordinates(null, null, server);
    }

    /** A short label for console lines: {@code eks:us-east-1/prod} or the server URL. */
    public String describe() {
        return clusterName != null ? "eks:" + region + "/" + clusterName : String.valueOf(server);
    }
}
