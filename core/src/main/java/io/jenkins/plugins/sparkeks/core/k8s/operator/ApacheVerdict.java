package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges a {@code spark.apache.org} SparkApplication by the operator's state summaries. The operator stops an
 * attempt in one of the stopping states (Succeeded, Failed, the timeouts, SchedulingFailure, DriverEvicted), then
 * either schedules a restart (ScheduledToRestart) or releases or keeps the resources (ResourceReleased,
 * TerminatedWithoutReleaseResources). A stopping state is therefore final only when the restart policy cannot
 * restart it; a terminated one takes its outcome from the stopping state before it.
 */
final class ApacheVerdict {

    /** The operator's own failure set; {@code OnFailure} restarts these. */
    static final Set<String> FAILURES = Set.of("DriverStartTimedOut", "ExecutorsStartTimedOut", "SchedulingFailure",
            "DriverEvicted", "Failed", "DriverReadyTimedOut");
    /** {@code OnInfrastructureFailure} restarts only these. */
    static final Set<String> INFRASTRUCTURE_FAILURES = Set.of("DriverStartTimedOut", "ExecutorsStartTimedOut", "SchedulingFailure");
    static final Set<String> STOPPING = union(FAILURES, Set.of("Succeeded"));
    static final Set<String> TERMINATED = Set.of("ResourceReleased", "TerminatedWithoutReleaseResources");
    static final Set<String> RUNNING = Set.of("DriverStarted", "DriverReady", "InitializedBelowThresholdExecutors",
            "RunningHealthy", "RunningWithPartialCapacity", "RunningWithBelowThresholdExecutors");

    private ApacheVerdict() {}

    static ApplicationVerdict judge(ApacheStatus status) {
        String s = status.state();
        String detail = status.message() == null ? "" : ": " + status.message();
        if (TERMINATED.contains(s)) {
            return terminated(status, detail);
        }
        if (STOPPING.contains(s)) {
            if (mayRestart(status.restartPolicy(), s)) {
                return new ApplicationVerdict(JobState.RUNNING, s, null, "The attempt ended in " + s
                        + "; the operator may restart it (restartPolicy " + status.restartPolicy() + ")" + detail);
            }
            return stopped(s, s, detail);
        }
        if (RUNNING.contains(s)) {
            return new ApplicationVerdict(JobState.RUNNING, s, null, running(s) + detail);
        }
        return switch (s) {
            case "" -> new ApplicationVerdict(JobState.SUBMITTED, s, null, "Waiting for the Apache Spark operator to pick up the application");
            case "Submitted" -> new ApplicationVerdict(JobState.SUBMITTED, s, null, "The Apache Spark operator accepted the application");
            case "ScheduledToRestart" -> new ApplicationVerdict(JobState.PENDING, s, null, "The operator will start attempt "
                    + (status.attempt() + 1) + detail);
            case "DriverRequested" -> new ApplicationVerdict(JobState.PENDING, s, null, "The operator requested the driver pod" + detail);
            default -> new ApplicationVerdict(JobState.PENDING, s, null, "Operator state " + s + detail);
        };
    }

    private static String running(String s) {
        return switch (s) {
            case "DriverStarted" -> "The driver pod is running";
            case "DriverReady" -> "The driver is ready; executors are starting";
            case "InitializedBelowThresholdExecutors" -> "The driver runs with fewer ready executors than the minimum";
            case "RunningHealthy" -> "Running with all requested executors";
            case "RunningWithPartialCapacity" -> "Running with partial capacity: more than the minimum but fewer than the"
                    + " requested executors";
            default -> "Running, but executors were lost below the minimum";
        };
    }

    /** ResourceReleased or TerminatedWithoutReleaseResources: the outcome is the last stopping state of the attempt. */
    private static ApplicationVerdict terminated(ApacheStatus status, String detail) {
        List<String> history = status.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (STOPPING.contains(history.get(i))) {
                return stopped(status.state(), history.get(i), detail);
            }
        }
        return new ApplicationVerdict(JobState.UNKNOWN, status.state(), "OutcomeNotRecorded", "The operator reports "
                + status.state() + " but its state history no longer shows how the application ended" + detail);
    }

    private static ApplicationVerdict stopped(String nativeState, String outcome, String detail) {
        return switch (outcome) {
            case "Succeeded" -> new ApplicationVerdict(JobState.SUCCEEDED, nativeState, "Completed",
                    "The Apache Spark operator reports the application Succeeded");
            case "DriverStartTimedOut" -> failed(nativeState, outcome, "The driver pod did not start within the operator's"
                    + " spec.applicationTolerations.applicationTimeoutConfig.driverStartTimeoutMillis", detail);
            case "DriverReadyTimedOut" -> failed(nativeState, outcome, "The driver pod did not become ready within the"
                    + " operator's applicationTimeoutConfig.driverReadyTimeoutMillis", detail);
            case "ExecutorsStartTimedOut" -> failed(nativeState, outcome, "Fewer executors than"
                    + " applicationTolerations.instanceConfig.minExecutors became ready within the operator's"
                    + " applicationTimeoutConfig.executorStartTimeoutMillis", detail);
            case "SchedulingFailure" -> failed(nativeState, outcome, "The operator could not create the application's pods"
                    + " (rejected pod spec, quota or RBAC)", detail);
            case "DriverEvicted" -> failed(nativeState, outcome, "The driver pod was evicted", detail);
            default -> failed(nativeState, outcome, "The Apache Spark operator reports the application Failed", detail);
        };
    }

    private static ApplicationVerdict failed(String nativeState, String outcome, String what, String detail) {
        String states = outcome.equals(nativeState) ? nativeState : outcome + ", then " + nativeState;
        String reason = outcome.equals("Failed") ? "ApplicationFailed" : outcome;
        return new ApplicationVerdict(JobState.FAILED, nativeState, reason, what + " (operator state " + states + ")" + detail);
    }

    /** As the operator's RestartPolicy decides; an unknown policy is taken to restart, so we never end too early. */
    static boolean mayRestart(String policy, String stoppingState) {
        return switch (policy) {
            case "Never" -> false;
            case "OnFailure" -> FAILURES.contains(stoppingState);
            case "OnInfrastructureFailure" -> INFRASTRUCTURE_FAILURES.contains(stoppingState);
            default -> true;
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        HashSet<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
