package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchVerdict;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.Objects;

/**
 * What the operator's {@code applicationState} says about the job. Only COMPLETED and FAILED are final:
 * SUCCEEDING/FAILING mean the driver ended but the operator may still rerun it (PENDING_RERUN), and
 * SUBMISSION_FAILED is retried or turned into FAILED by the operator.
 *
 * @param state       the shared state
 * @param nativeState the operator's state name
 * @param reason      short machine-friendly reason
 * @param message     a human sentence
 */
record ApplicationVerdict(JobState state, String nativeState, String reason, String message)
        implements WatchVerdict<ApplicationVerdict> {

    ApplicationVerdict {
        Objects.requireNonNull(state, "state");
    }

    static ApplicationVerdict judge(ApplicationStatus status) {
        String s = status.state();
        String error = status.errorMessage() == null ? "" : ": " + status.errorMessage();
        return switch (s) {
            case "COMPLETED" -> new ApplicationVerdict(JobState.SUCCEEDED, s, "Completed", "The Spark Operator reports the application COMPLETED");
            case "FAILED" -> new ApplicationVerdict(JobState.FAILED, s, "ApplicationFailed", "The Spark Operator reports the application FAILED" + error);
            case "RUNNING", "SUCCEEDING", "FAILING" -> new ApplicationVerdict(JobState.RUNNING, s, null, "The driver is running (operator state " + s + ")");
            case "", "SUBMITTED" -> new ApplicationVerdict(JobState.SUBMITTED, s, null, s.isEmpty()
                    ? "Waiting for the Spark Operator to pick up the application" : "The Spark Operator submitted the application");
            default -> new ApplicationVerdict(JobState.PENDING, s, null, "Operator state " + s + error);
        };
    }

    @Override
    public ApplicationVerdict as(JobState newState, String newReason, String newMessage) {
        return new ApplicationVerdict(newState, nativeState, newReason, newMessage);
    }

    static ApplicationVerdict ended(JobState state, String nativeState, String reason, String message) {
        return new ApplicationVerdict(state, nativeState, reason, message);
    }
}
