package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a driver pod alone shows of a node that stopped serving it, and since when. These are the node
 * controller's and the API server's fingerprints, not the kubelet's: a kubelet that is alive explains itself
 * through container states instead.
 *
 * @param kind  which sign
 * @param node  the pod's node ({@code spec.nodeName}), null when not scheduled
 * @param since when the sign appeared (a condition's transition time, the deletion's due time), or when we first saw it
 * @param text  a clause naming the sign, e.g. {@code the pod's phase is Unknown}
 */
public record StallSign(Kind kind, String node, Instant since, String text) {

    public enum Kind {
        /** The pod's phase is Unknown: the node controller lost contact with its node. */
        PHASE_UNKNOWN,
        /** {@code status.reason} NodeLost: set on pods of an unreachable node. */
        NODE_LOST,
        /** Ready=False while every container still says ready: only the node controller marks a pod so. */
        MARKED_NOT_READY,
        /** A deletion past its due time: the kubelet that should confirm it is not answering. */
        STUCK_TERMINATING
    }

    /** Whether the sign is about the node rather than the pod's own deletion. */
    public boolean nodeSign() {
        return kind != Kind.STUCK_TERMINATING;
    }

    /**
     * The sign this pod shows, or null. A sign without a time of its own counts from {@code firstSeen}.
     * A stuck deletion wins: it is the last stage of a lost node (the eviction that follows it).
     */
    public static StallSign of(Pod pod, Instant firstSeen) {
        if (pod == null) {
            return null;
        }
        PodStatus status = pod.getStatus();
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String deletion = pod.getMetadata() == null ? null : pod.getMetadata().getDeletionTimestamp();
        Instant due = DriverVerdict.time(deletion);
        if (due != null) {
            return new StallSign(Kind.STUCK_TERMINATING, node, due, "its deletion was due at " + due + " and has not completed");
        }
        if (status == null) {
            return null;
        }
        PodCondition ready = condition(status, "Ready");
        Instant notReadySince = ready != null && !"True".equals(ready.getStatus()) ? DriverVerdict.time(ready.getLastTransitionTime()) : null;
        Instant since = notReadySince != null ? notReadySince : firstSeen;
        if ("Unknown".equals(status.getPhase())) {
            return new StallSign(Kind.PHASE_UNKNOWN, node, since, "the pod's phase is Unknown (its node stopped reporting)");
        }
        if ("NodeLost".equals(status.getReason())) {
            String message = status.getMessage() == null || status.getMessage().isBlank() ? "" : ": " + status.getMessage().strip();
            return new StallSign(Kind.NODE_LOST, node, since, "the pod's status says NodeLost" + message);
        }
        if (markedNotReady(pod, ready)) {
            return new StallSign(Kind.MARKED_NOT_READY, node, since, "the pod was marked not ready"
                    + (notReadySince == null ? "" : " at " + notReadySince) + " while its containers still report running"
                    + " (the node controller does this when the node is not ready or unreachable)");
        }
        return null;
    }

    /**
     * Ready=False on a running pod whose containers all still say ready: the kubelet would have marked the container
     * that is not ready; readiness gates are another controller's business and are left alone.
     */
    private static boolean markedNotReady(Pod pod, PodCondition ready) {
        PodStatus status = pod.getStatus();
        if (ready == null || !"False".equals(ready.getStatus()) || !"Running".equals(status.getPhase())
                || "ReadinessGatesNotReady".equals(ready.getReason())) {
            return false;
        }
        if (pod.getSpec() != null && pod.getSpec().getReadinessGates() != null && !pod.getSpec().getReadinessGates().isEmpty()) {
            return false;
        }
        List<ContainerStatus> containers = status.getContainerStatuses();
        if (containers == null || containers.isEmpty()) {
            return false;
        }
        for (ContainerStatus c : containers) {
            if (!Boolean.TRUE.equals(c.getReady()) || c.getState() == null || c.getState().getRunning() == null) {
                return false;
            }
        }
        return true;
    }

    private static PodCondition condition(PodStatus status, String type) {
        if (status.getConditions() == null) {
            return null;
        }
        for (PodCondition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }
}
