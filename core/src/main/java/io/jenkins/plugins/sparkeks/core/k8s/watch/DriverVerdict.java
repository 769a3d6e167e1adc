package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Judges a Spark job from its driver pod, as a pure function of the pod object. The driver container
 * decides, not the phase alone: spark-submit reports success for a failed driver (SPARK-26365), and a pod
 * can be {@code Succeeded} while the driver exited non-zero, or keep running after the driver ended when it
 * has sidecars.
 */
public final class DriverVerdict {

    /** Waiting reasons that keep a driver from ever starting without someone fixing something. */
    static final Set<String> BLOCKING_WAIT_REASONS = Set.of(
            "ImagePullBackOff",
            "ErrImagePull",
            "InvalidImageName",
            "ErrImageNeverPull",
            "CreateContainerConfigError",
            "CreateContainerError",
            "RunContainerError",
            "CrashLoopBackOff");

    /**
     * The reason given when a describe finds no driver pod: retention removes a finished pod (a succeeded one
     * under KEEP_ON_FAILURE), so its absence says nothing about how the job ended.
     */
    public static final String GONE = "DriverPodGone";

    /** The reason of a job whose driver pod's node stopped serving it (NotReady, unreachable, removed). */
    public static final String NODE_LOST = "NodeLost";

    /** The reason of a job whose driver pod stopped making progress for another reason (a deletion that never completes). */
    public static final String DRIVER_STALLED = "DriverStalled";

    private DriverVerdict() {}

    /** The job as this pod observation shows it. */
    public static PodVerdict judge(Pod pod) {
        PodStatus status = pod.getStatus();
        String phase = status == null ? null : status.getPhase();
        ContainerStatus driver = driverContainer(status);
        ContainerStateTerminated terminated = terminated(driver);
        Instant startedAt = startedAt(driver);
        Instant finishedAt = terminated == null ? null : time(terminated.getFinishedAt());
        boolean deletedByOthers = pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null;

        if ("Failed".equals(phase) || ("Succeeded".equals(phase) || terminated != null) && !exitedZero(terminated, phase)) {
            Integer exitCode = terminated == null ? null : terminated.getExitCode();
            PodCauses.InitFailure init = terminated == null ? PodCauses.failedInit(status) : null;
            String reason = init != null ? PodCauses.INIT_CONTAINER_FAILED : failureReason(status, terminated);
            String message = init != null
                    ? "The driver never started: its " + init.describe()
                    : terminated == null && startedAt == null
                            ? endedBeforeStart(status, reason)
                            : failureMessage(status, terminated, exitCode, reason);
            if (deletedByOthers) {
                return new PodVerdict(JobState.FAILED, exitCode, "DriverPodDeleted",
                        "The driver pod was deleted while the job ran (" + message + ")", phase, null, startedAt, finishedAt);
            }
            return new PodVerdict(JobState.FAILED, exitCode, reason, message, phase, null, startedAt, finishedAt);
        }
        if ("Succeeded".equals(phase) || terminated != null) {
            Integer exitCode = terminated == null ? Integer.valueOf(0) : terminated.getExitCode();
            String reason = terminated != null && terminated.getReason() != null ? terminated.getReason() : "Completed";
            return new PodVerdict(JobState.SUCCEEDED, exitCode, reason, "The driver finished successfully (exit code "
                    + exitCode + ")", phase, null, startedAt, finishedAt);
        }
        StallSign sign = StallSign.of(pod, null);
        if (sign != null && sign.nodeSign()) {
            // the phase and container states are the kubelet's last word before it went silent: not proof of a running driver
            return new PodVerdict(JobState.STALLED, null, sign.kind() == StallSign.Kind.NODE_LOST ? NODE_LOST : null,
                    "The driver pod's node stopped reporting: " + sign.text(), phase, null, startedAt, null);
        }
        if ("Running".equals(phase) || driver != null && driver.getState() != null && driver.getState().getRunning() != null) {
            return new PodVerdict(JobState.RUNNING, null, null, "The driver is running", phase, null, startedAt, null);
        }
        String blocking = blockingReason(pod);
        if (phase == null) {
            return new PodVerdict(JobState.SUBMITTED, null, null, "The driver pod was created", null, blocking, null, null);
        }
        String message = blocking == null ? "The driver pod is pending" : "The driver pod is pending: " + blocking;
        return new PodVerdict(JobState.PENDING, null,
                blocking == null ? null : blocking.split(":", 2)[0], message, phase, blocking, startedAt, null);
    }

    /** The pod disappeared and nobody here asked for it. */
    public static PodVerdict deleted(Pod lastKnown) {
        PodVerdict last = lastKnown == null ? null : judge(lastKnown);
        String phase = last == null ? null : last.phase();
        String was = phase == null ? "" : " (it was " + phase + ")";
        String cause = lastKnown == null ? null : PodCauses.disruption(lastKnown.getStatus());
        return new PodVerdict(JobState.FAILED, last == null ? null : last.exitCode(), "DriverPodDeleted",
                (cause == null ? "The driver pod was deleted by someone else before the job ended"
                        : "The driver pod was deleted before the job ended: it was " + cause) + was, phase, null,
                last == null ? null : last.startedAt(), last == null ? null : last.finishedAt());
    }

    /**
     * The pod no longer exists and nobody watched it go: removed by retention after it finished, or deleted by
     * someone else. Its outcome cannot be read any more, so this claims neither success nor a known failure.
     */
    public static PodVerdict gone() {
        return new PodVerdict(JobState.UNKNOWN, null, GONE, "The driver pod no longer exists: it was removed after it"
                + " finished (retention) or deleted by someone else, so its outcome can no longer be read",
                null, null, null, null);
    }

    /** The job did not start within {@code timeout}; we deleted its pod. */
    public static PodVerdict startTimedOut(Pod lastKnown, Duration timeout) {
        return startTimedOut(lastKnown, timeout, null);
    }

    /**
     * The job did not start within {@code timeout}; we deleted its pod. Without a blocking reason of the pod's own,
     * the message says where the driver container was waiting and the last warning event about the pod (a volume that
     * does not mount, a config map or secret that is missing), which is then the cause.
     *
     * @param lastWarning e.g. {@code FailedMount: MountVolume.SetUp failed ...}, null when none was seen
     */
    public static PodVerdict startTimedOut(Pod lastKnown, Duration timeout, String lastWarning) {
        PodVerdict last = judge(lastKnown);
        String blocking = last.blockingReason();
        StringBuilder m = new StringBuilder("The driver did not start within ").append(human(timeout));
        if (blocking != null) {
            m.append("; it was blocked by ").append(blocking);
        } else {
            ContainerStatus driver = driverContainer(lastKnown.getStatus());
            ContainerStateWaiting waiting = driver == null || driver.getState() == null ? null : driver.getState().getWaiting();
            if (waiting != null && waiting.getReason() != null) {
                m.append("; the driver container was still ").append(waiting.getReason());
            } else if (last.phase() != null) {
                m.append("; the pod was still ").append(last.phase());
            }
            if (lastWarning != null) {
                m.append("; the last warning was ").append(lastWarning);
            }
        }
        return last.as(JobState.TIMED_OUT, "StartTimeout", m.append(". The driver pod was deleted.").toString());
    }

    /** The job did not end within {@code timeout}; we deleted its pod. */
    public static PodVerdict runTimedOut(Pod lastKnown, Duration timeout) {
        return judge(lastKnown).as(JobState.TIMED_OUT, "RunTimeout",
                "The job did not finish within " + human(timeout) + ". The driver pod was deleted.");
    }

    /**
     * The driver stopped making progress: {@code sign} lasted longer than {@code grace}. Null when the node says it is
     * Ready again, since then the kubelet will soon correct the pod itself; a stuck deletion stays stuck either way.
     *
     * @param node the node as read now, null when not read
     */
    public static PodVerdict stalled(Pod lastKnown, StallSign sign, NodeHealth node, Duration grace) {
        if (node != null && node.status() == NodeHealth.Status.READY && sign.nodeSign()) {
            return null;
        }
        boolean nodeLost = sign.nodeSign() || node != null && node.confirmsProblem();
        String limit = "longer than the stall grace period " + human(grace);
        StringBuilder m = new StringBuilder();
        if (sign.nodeSign()) {
            m.append("The driver pod's node stopped serving it: ");
            if (node != null && node.confirmsProblem()) {
                m.append(node.text()).append("; ").append(sign.text()).append(", for ").append(limit);
            } else {
                m.append(sign.text()).append(sign.since() == null ? "" : " since " + sign.since()).append(", for ").append(limit);
            }
        } else {
            m.append("The driver pod is stuck Terminating: ").append(sign.text()).append(" for ").append(limit);
            if (node != null && node.confirmsProblem()) {
                m.append("; ").append(node.text());
            } else if (node != null && node.status() == NodeHealth.Status.READY) {
                List<String> finalizers = lastKnown.getMetadata().getFinalizers();
                m.append("; ").append(node.text()).append(", so something else holds the deletion")
                        .append(finalizers == null || finalizers.isEmpty() ? "" : " (finalizers: " + String.join(", ", finalizers) + ")");
            }
        }
        if (node != null && node.unread()) {
            m.append(" (judged from the pod alone: ").append(node.text()).append(')');
        } else if (node == null && sign.node() != null) {
            m.append(" (node ").append(sign.node()).append(')');
        }
        m.append('.');
        return judge(lastKnown).as(JobState.FAILED, nodeLost ? NODE_LOST : DRIVER_STALLED, m.toString());
    }

    /** Cancelled on request; keeps whatever the last observation knew (exit code, times). */
    public static PodVerdict cancelled(Pod lastKnown, String why) {
        String message = "Cancelled" + (why == null || why.isBlank() ? "" : ": " + why) + ". The driver pod was deleted.";
        return lastKnown == null
                ? new PodVerdict(JobState.CANCELLED, null, "Cancelled", message, null, null, null, null)
                : judge(lastKnown).as(JobState.CANCELLED, "Cancelled", message);
    }

    /**
     * What keeps a pending driver from starting: a waiting reason of the driver container that needs a fix,
     * or an unschedulable pod. Null when the pod is merely on its way (scheduling, pulling, creating).
     */
    public static String blockingReason(Pod pod) {
        PodStatus status = pod.getStatus();
        PodCauses.InitFailure init = PodCauses.failedInit(status);
        if (init != null) {
            return withMessage(PodCauses.INIT_CONTAINER_FAILED, init.describe());
        }
        ContainerStatus driver = driverContainer(status);
        ContainerStateWaiting waiting = driver == null || driver.getState() == null ? null : driver.getState().getWaiting();
        if (waiting != null && waiting.getReason() != null && BLOCKING_WAIT_REASONS.contains(waiting.getReason())) {
            return withMessage(waiting.getReason(), waiting.getMessage());
        }
        if (status != null && status.getConditions() != null) {
            for (PodCondition condition : status.getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
                        && condition.getReason() != null) {
                    return withMessage(condition.getReason(), condition.getMessage());
                }
            }
        }
        return null;
    }

    /** The driver container's status: by Spark's container name, else the only container there is. */
    static ContainerStatus driverContainer(PodStatus status) {
        if (status == null || status.getContainerStatuses() == null || status.getContainerStatuses().isEmpty()) {
            return null;
        }
        List<ContainerStatus> all = status.getContainerStatuses();
        for (ContainerStatus c : all) {
            if (SparkLabels.DRIVER_CONTAINER.equals(c.getName())) {
                return c;
            }
        }
        return all.size() == 1 ? all.get(0) : null;
    }

    private static ContainerStateTerminated terminated(ContainerStatus driver) {
        if (driver == null || driver.getState() == null) {
            return null;
        }
        return driver.getState().getTerminated();
    }

    private static Instant startedAt(ContainerStatus driver) {
        if (driver == null || driver.getState() == null) {
            return null;
        }
        ContainerState state = driver.getState();
        if (state.getRunning() != null) {
            return time(state.getRunning().getStartedAt());
        }
        return state.getTerminated() == null ? null : time(state.getTerminated().getStartedAt());
    }

    private static boolean exitedZero(ContainerStateTerminated terminated, String phase) {
        if (terminated == null) {
            // Phase Succeeded without container detail: Kubernetes only sets it when every container exited 0.
            return "Succeeded".equals(phase);
        }
        return terminated.getExitCode() != null && terminated.getExitCode() == 0;
    }

    private static String failureReason(PodStatus status, ContainerStateTerminated terminated) {
        if (status != null && status.getReason() != null && !status.getReason().isBlank()) {
            return status.getReason(); // Evicted, DeadlineExceeded, NodeLost...
        }
        if (terminated != null && terminated.getReason() != null && !terminated.getReason().isBlank()) {
            return terminated.getReason(); // Error, OOMKilled, ContainerCannotRun...
        }
        String disruption = PodCauses.disruptionReason(status);
        return disruption != null ? disruption : "Error"; // DeletionByPodGC, EvictionByEvictionAPI...
    }

    /**
     * A pod that failed with no container status of its driver: nothing ran, so the pod's own reason and its
     * DisruptionTarget condition are all there is to tell an eviction from a pod garbage-collected before it started.
     */
    private static String endedBeforeStart(PodStatus status, String reason) {
        StringBuilder m = new StringBuilder("The driver pod ended before its driver started (").append(reason).append(')');
        String detail = status == null || status.getMessage() == null || status.getMessage().isBlank() ? null : status.getMessage().strip();
        String disruption = PodCauses.disruption(status);
        if (disruption != null) {
            m.append(": it was ").append(disruption);
            if (detail != null && !disruption.contains(detail)) {
                m.append("; ").append(detail);
            }
        } else if (detail != null) {
            m.append(": ").append(detail);
        } else {
            m.append(": the pod records no cause (no DisruptionTarget condition, no message), so neither an eviction nor"
                    + " garbage collection can be told");
        }
        return m.toString();
    }

    private static String failureMessage(PodStatus status, ContainerStateTerminated terminated, Integer exitCode, String reason) {
        StringBuilder m = new StringBuilder("The driver failed");
        if (exitCode != null) {
            m.append(" with exit code ").append(exitCode);
        }
        m.append(" (").append(reason).append(')');
        if ("Succeeded".equals(status == null ? null : status.getPhase())) {
            m.append(" although the pod phase is Succeeded");
        }
        String detail = status != null && status.getMessage() != null ? status.getMessage()
                : terminated != null ? terminated.getMessage() : null;
        if (detail != null && !detail.isBlank()) {
            m.append(": ").append(detail.strip());
        }
        return m.toString();
    }

    private static String withMessage(String reason, String message) {
        return message == null || message.isBlank() ? reason : reason + ": " + message.strip();
    }

    static Instant time(String kubernetesTime) {
        if (kubernetesTime == null || kubernetesTime.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(kubernetesTime);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String human(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
