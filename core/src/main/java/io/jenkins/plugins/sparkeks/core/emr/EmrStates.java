package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.List;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;

/** EMR job run states in the shared vocabulary. */
public final class EmrStates {

    /** The states ListJobRuns is asked for: a watched run that leaves this list has ended (or is about to). */
    public static final List<JobRunState> ACTIVE =
            List.of(JobRunState.PENDING, JobRunState.SUBMITTED, JobRunState.RUNNING, JobRunState.CANCEL_PENDING);

    /** The end states, which ListJobRuns is asked for to confirm many endings with one call. */
    public static final List<JobRunState> TERMINAL =
            List.of(JobRunState.COMPLETED, JobRunState.FAILED, JobRunState.CANCELLED);

    private EmrStates() {}

    public static JobState toJobState(JobRunState s) {
        if (s == null) {
            return JobState.SUBMITTED;
        }
        return switch (s) {
            case PENDING, SUBMITTED -> JobState.SUBMITTED;
            case RUNNING -> JobState.RUNNING;
            case CANCEL_PENDING -> JobState.CANCELLING;
            case COMPLETED -> JobState.SUCCEEDED;
            case FAILED -> JobState.FAILED;
            case CANCELLED -> JobState.CANCELLED;
            // a state newer than this SDK: keep waiting rather than guess a verdict
            default -> JobState.SUBMITTED;
        };
    }

    public static boolean isTerminal(JobRunState s) {
        return s == JobRunState.COMPLETED || s == JobRunState.FAILED || s == JobRunState.CANCELLED;
    }

    /** Not yet running: the start timeout applies, and the poller looks more often. */
    public static boolean isStarting(JobRunState s) {
        return s == null || s == JobRunState.PENDING || s == JobRunState.SUBMITTED;
    }
}
