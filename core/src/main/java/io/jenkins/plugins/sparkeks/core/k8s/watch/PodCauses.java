package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;

/**
 * Why a driver pod ended or could not start, when the driver container itself cannot say: a failed init container,
 * or a pod removed before any container ran (its {@code DisruptionTarget} condition names who removed it).
 */
public final class PodCauses {

    /** The reason of a driver pod whose init container failed, so the driver never started. */
    public static final String INIT_CONTAINER_FAILED = "InitContainerFailed";

    private PodCauses() {}

    /**
     * An init container that ended in failure.
     *
     * @param name     the init container's name
     * @param exitCode its exit code
     * @param reason   the kubelet's reason ({@code Error}, {@code OOMKilled}, ...), may be null
     * @param message  its termination message, may be null
     */
    public record InitFailure(String name, Integer exitCode, String reason, String message) {

        /** e.g. {@code init container 'fetch-deps' failed with exit code 2 (Error): no such bucket}. */
        public String describe() {
            return "init container '" + name + "' failed"
                    + (exitCode == null ? "" : " with exit code " + exitCode)
                    + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
                    + (message == null || message.isBlank() ? "" : ": " + message.strip());
        }
    }

    /**
     * The first init container that failed: one terminated with a non-zero exit code, or one waiting to be restarted
     * whose last run failed. Null when none did.
     */
    public static InitFailure failedInit(PodStatus status) {
        if (status == null || status.getInitContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus c : status.getInitContainerStatuses()) {
            ContainerStateTerminated t = terminated(c.getState());
            if (t == null && c.getState() != null && c.getState().getWaiting() != null) {
                t = terminated(c.getLastState()); // restarting after a failure (Init:CrashLoopBackOff)
            }
            if (t != null && t.getExitCode() != null && t.getExitCode() != 0) {
                return new InitFailure(c.getName(), t.getExitCode(), t.getReason(), t.getMessage());
            }
        }
        return null;
    }

    /**
     * Who removed a pod before its containers could say anything, from its {@code DisruptionTarget} condition; null
     * when the pod carries none (clusters before Kubernetes 1.26, or nothing disrupted it).
     */
    public static String disruption(PodStatus status) {
        PodCondition target = null;
        if (status != null && status.getConditions() != null) {
            for (PodCondition c : status.getConditions()) {
                if ("DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus())) {
                    target = c;
                }
            }
        }
        if (target == null) {
            return null;
        }
        String reason = target.getReason() == null ? "" : target.getReason();
        String who = switch (reason) {
            case "DeletionByPodGC" -> "garbage-collected by Kubernetes because its node no longer exists";
            case "EvictionByEvictionAPI" -> "evicted through the Eviction API (a node drain, scale-down or consolidation)";
            case "PreemptionByScheduler" -> "preempted by the scheduler for a pod of higher priority";
            case "DeletionByTaintManager" -> "deleted because its node was tainted NoExecute (node not ready or unreachable)";
            case "TerminationByKubelet" -> "terminated by the kubelet (node-pressure eviction or node shutdown)";
            default -> "disrupted";
        };
        String message = target.getMessage() == null || target.getMessage().isBlank() ? "" : ": " + target.getMessage().strip();
        return who + (reason.isEmpty() ? "" : " (" + reason + ")") + message;
    }

    /** The DisruptionTarget reason, e.g. {@code DeletionByPodGC}; null without one. */
    public static String disruptionReason(PodStatus status) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        for (PodCondition c : status.getConditions()) {
            if ("DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()) && c.getReason() != null) {
                return c.getReason();
            }
        }
        return null;
    }

    private static ContainerStateTerminated terminated(ContainerState state) {
        return state == null ? null : state.getTerminated();
    }
}
