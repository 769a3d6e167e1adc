package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;

/**
 * What the driver's Node object says, when we may read it. Nodes are cluster-scoped: many job identities may
 * only read pods in their namespace, and then the pod's own signs must do.
 *
 * @param name   the node name
 * @param status what was found
 * @param text   a clause for messages, e.g. {@code node ip-10-0-1-5 is NotReady since ...}
 */
public record NodeHealth(String name, Status status, String text) {

    public enum Status {
        READY,
        NOT_READY,
        UNREACHABLE,
        GONE,
        /** No permission to read nodes (HTTP 403). */
        FORBIDDEN,
        /** Another error; the pod's signs must do this time. */
        UNREADABLE
    }

    /** Whether the node itself confirms a problem. */
    public boolean confirmsProblem() {
        return status == Status.NOT_READY || status == Status.UNREACHABLE || status == Status.GONE;
    }

    /** Whether the node could not be read, so the verdict rests on the pod alone. */
    public boolean unread() {
        return status == Status.FORBIDDEN || status == Status.UNREADABLE;
    }

    /** One direct read of node {@code name}; a remote call, so never under a watch's lock. */
    public static NodeHealth read(KubernetesClient client, String name) {
        try {
            return of(name, client.nodes().withName(name).get());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return new NodeHealth(name, Status.FORBIDDEN, "node " + name + " could not be read (no permission to get nodes)");
            }
            return new NodeHealth(name, Status.UNREADABLE, "node " + name + " could not be read: " + e.getMessage());
        }
    }

    /** What {@code node} (null: not found) says through its Ready condition. */
    public static NodeHealth of(String name, Node node) {
        if (node == null) {
            return new NodeHealth(name, Status.GONE, "node " + name + " no longer exists (it was removed from the cluster)");
        }
        NodeCondition ready = null;
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            for (NodeCondition c : node.getStatus().getConditions()) {
                if ("Ready".equals(c.getType())) {
                    ready = c;
                }
            }
        }
        if (ready == null || "True".equals(ready.getStatus())) {
            return new NodeHealth(name, Status.READY, "node " + name + " is Ready");
        }
        Instant since = DriverVerdict.time(ready.getLastTransitionTime());
        String why = ready.getReason() == null ? "" : ready.getReason()
                + (ready.getMessage() == null || ready.getMessage().isBlank() ? "" : ": " + ready.getMessage().strip());
        boolean unreachable = "Unknown".equals(ready.getStatus());
        return new NodeHealth(name, unreachable ? Status.UNREACHABLE : Status.NOT_READY, "node " + name
                + (unreachable ? " is unreachable" : " is NotReady") + (why.isEmpty() ? "" : " (" + why + ")")
                + (since == null ? "" : " since " + since));
    }
}
