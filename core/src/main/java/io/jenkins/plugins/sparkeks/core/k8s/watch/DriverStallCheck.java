package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Function;

/**
 * The stall rule for a driver pod, whichever mode's watch follows it: a sign of a lost node (or a deletion that
 * never completes) that lasts the stall grace period ends the job as failed. One check runs on the shared
 * scheduler when a sign's grace period ends, armed by pod changes; the node is read once per due check, and a
 * node we may not read leaves the verdict to the pod alone. A lost node ends the job by deleting the watch's own
 * object (the pod, or the SparkApplication whose operator then removes it), as for a timeout; a stuck deletion
 * ends it without another delete.
 *
 * <p>Shares its host watch's lock: {@link #seen} is called with it held.
 *
 * @param <V> the host mode's verdict
 */
public final class DriverStallCheck<V extends WatchVerdict<V>> {

    private final KubernetesJobWatch<?, V, ?> host;
    private final Function<PodVerdict, V> asModeVerdict;
    /** The last driver pod seen, null before the first. */
    private Pod pod;
    /** When the current stall sign was first seen, for a sign that carries no time of its own; null while none. */
    private Instant signFirstSeen;
    /** When the armed stall check runs; null while none is armed. */
    private Instant stallCheckAt;
    private boolean toldNodeUnread;

    /**
     * @param host          the watch whose job a stalled driver ends
     * @param asModeVerdict the mode's verdict for the driver pod's stalled verdict (its message final)
     */
    public DriverStallCheck(KubernetesJobWatch<?, V, ?> host, Function<PodVerdict, V> asModeVerdict) {
        this.host = Objects.requireNonNull(host, "host");
        this.asModeVerdict = Objects.requireNonNull(asModeVerdict, "asModeVerdict");
    }

    /** The driver pod as last observed. With the host's lock held. */
    public void seen(Pod driverPod) {
        pod = driverPod;
        StallSign sign = StallSign.of(driverPod, signFirstSeen == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : signFirstSeen);
        if (sign == null) {
            signFirstSeen = null;
            return;
        }
        Duration grace = host.options().stallGracePeriod();
        boolean fresh = signFirstSeen == null;
        if (fresh) {
            signFirstSeen = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        if (grace == null) {
            return;
        }
        Instant due = sign.since().plus(grace);
        if (fresh) {
            host.observer().diagnostic("Driver pod " + displayId(driverPod) + (sign.node() == null ? "" : " on node " + sign.node())
                    + ": " + (sign.nodeSign() ? sign.text() : "stuck Terminating: " + sign.text())
                    + "; the job ends as FAILED if this lasts until " + due + " (stall grace period " + grace.toSeconds() + "s)");
        }
        armStallCheck(due);
    }

    private void armStallCheck(Instant due) {
        if (stallCheckAt == null || due.isBefore(stallCheckAt)) {
            stallCheckAt = due;
            host.after(Duration.between(Instant.now(), due), this::checkStall);
        }
    }

    /** On the shared scheduler, not under the lock: the node is read here, once per due check. */
    private void checkStall() {
        Duration grace = host.options().stallGracePeriod();
        Pod seen;
        StallSign sign;
        synchronized (host) {
            stallCheckAt = null;
            if (host.finishing() || host.deleting()) {
                return;
            }
            seen = pod;
            sign = StallSign.of(seen, signFirstSeen == null ? Instant.now() : signFirstSeen);
            if (sign == null) {
                return;
            }
            Instant due = sign.since().plus(grace);
            if (Instant.now().isBefore(due)) {
                armStallCheck(due);
                return;
            }
        }
        NodeHealth node = sign.node() == null ? null : NodeHealth.read(host.client(), sign.node());
        synchronized (host) {
            if (host.finishing() || host.deleting() || pod != seen) {
                // a newer observation armed its own check
                return;
            }
            if (node != null && node.unread() && !toldNodeUnread) {
                toldNodeUnread = true;
                host.observer().diagnostic("Cannot read the driver's node: " + node.text() + ". Judging the stalled driver from its pod"
                        + " alone; allow 'get' on nodes to have the node's own view (see the optional rule in docs/setup.md).");
            }
            PodVerdict stalled = DriverVerdict.stalled(seen, sign, node, grace);
            if (stalled == null) {
                host.observer().diagnostic("Driver pod " + displayId(seen) + ": " + node.text()
                        + " again; waiting for its kubelet to update the pod");
                return;
            }
            if (sign.nodeSign()) {
                String message = stalled.message() + " The " + host.object().noun() + " was deleted.";
                V ending = asModeVerdict.apply(stalled.as(stalled.state(), stalled.reason(), message));
                host.endByDeleting(() -> ending, false);
            } else {
                // already being deleted: another delete would change nothing
                host.endNow(asModeVerdict.apply(stalled), false);
            }
        }
    }

    private String displayId(Pod driverPod) {
        String name = driverPod.getMetadata() == null ? null : driverPod.getMetadata().getName();
        return host.object().namespace() + ":" + (name == null ? host.object().name() : name);
    }
}
