package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;

/**
 * A connected cluster: a fabric8 client shared by every job on that cluster, what the cluster is (for references and
 * console lines), and the namespace the access names by default.
 *
 * <p>The client belongs to the {@link ClusterConnector} that made it: use it freely from any thread, but do not close
 * it; {@link ClusterConnector#close()} does. Followed driver logs do not take its HTTP/2 streams: the
 * {@code DriverLogFollower} handed this client sends them through the connection's {@link LogStreamClients}.
 *
 * @param client           the shared client
 * @param coordinates      which cluster this is, without credentials
 * @param defaultNamespace the kubeconfig context's or pod's namespace, else {@code default}
 */
public record ClusterConnection(KubernetesClient client, ClusterCoordinates coordinates, String defaultNamespace) {

    @Override
    public String toString() {
        return "ClusterConnection[" + coordinates.describe() + ", namespace=" + defaultNamespace + "]";
    }
}
