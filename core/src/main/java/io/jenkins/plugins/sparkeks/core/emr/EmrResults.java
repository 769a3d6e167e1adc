package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.emrcontainers.model.JobRun;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;

/** The verdict on a job run, from DescribeJobRun: EMR's own state and failure reason are the truth. */
final class EmrResults {

    /** Why we ended a run ourselves, when we did. */
    enum Ending {
        NONE(null),
        CANCELLED("Cancelled"),
        START_TIMEOUT("StartTimeout"),
        RUN_TIMEOUT("RunTimeout");

        final String reason;

        Ending(String reason) {
            this.reason = reason;
        }
    }

    private EmrResults() {}

    /**
     * @param run       the latest DescribeJobRun answer
     * @param ref       the run's reference (region, log location)
     * @param ending    whether we cancelled it, and why
     * @param detail    our sentence about that ending (timeout length, cancel cause), or null
     * @param startedAt when we first saw it RUNNING (EMR does not report it), or null
     */
    static JobResult of(JobRun run, EmrJobRunReference ref, Ending ending, String detail, Instant startedAt,
            List<String> explanation) {
        JobState state = EmrStates.toJobState(run.state());
        String reason;
        String message;
        // asked to stop it: only a terminal EMR state shows that it did; anything else may still be running
        Boolean cancelConfirmed = ending == Ending.NONE ? null : EmrStates.isTerminal(run.state());
        if (ending != Ending.NONE && run.state() != JobRunState.COMPLETED && run.state() != JobRunState.FAILED) {
            // we ended it: report our reason, keep EMR's words in the message
            state = ending == Ending.CANCELLED ? (state.isTerminal() ? JobState.CANCELLED : JobState.CANCELLING)
                    : JobState.TIMED_OUT;
            reason = ending == Ending.CANCELLED && !cancelConfirmed ? JobResult.CANCEL_NOT_CONFIRMED : ending.reason;
            message = join(detail, run.stateDetails());
        } else {
            reason = switch (run.state() == null ? JobRunState.UNKNOWN_TO_SDK_VERSION : run.state()) {
                case COMPLETED -> "Completed";
                case FAILED -> run.failureReasonAsString() != null ? run.failureReasonAsString() : "Failed";
                case CANCELLED -> "Cancelled";
                default -> null;
            };
            message = run.stateDetails() != null ? run.stateDetails() : defaultMessage(run);
        }
        JobResult.Builder b = JobResult.builder(Backend.EMR_ON_EKS, state)
                .reason(reason)
                .message(message)
                .nativeState(run.stateAsString())
                .sparkAppId("spark-" + run.id())
                .namespace(ref.namespace())
                .driverPod(ref.driverPodName())
                .jobRunId(run.id())
                .virtualClusterId(run.virtualClusterId() != null ? run.virtualClusterId() : ref.virtualClusterId())
                .attempts(run.retryPolicyExecution() == null ? null : run.retryPolicyExecution().currentAttemptCount())
                .submittedAt(run.createdAt())
                .startedAt(startedAt)
                .finishedAt(run.finishedAt())
                .explanation(explanation)
                .cancelConfirmed(cancelConfirmed);
        links(b, ref);
        return b.build();
    }

    /**
     * A cancel that was not confirmed and whose run could not even be described: what is known from the
     * reference, and why nothing more is.
     */
    static JobResult cancelNotConfirmed(EmrJobRunReference ref, String detail) {
        JobResult.Builder b = JobResult.builder(Backend.EMR_ON_EKS, JobState.CANCELLING)
                .reason(JobResult.CANCEL_NOT_CONFIRMED)
                .message(detail)
                .sparkAppId("spark-" + ref.jobRunId())
                .namespace(ref.namespace())
                .driverPod(ref.driverPodName())
                .jobRunId(ref.jobRunId())
                .virtualClusterId(ref.virtualClusterId())
                .submittedAt(ref.createdAt())
                .cancelConfirmed(false);
        links(b, ref);
        return b.build();
    }

    /** The wait ended without an answer from EMR: no state is claimed beyond the last one seen. */
    static JobResult unknown(EmrJobRunReference ref, String nativeState, String reason, String detail) {
        JobResult.Builder b = JobResult.builder(Backend.EMR_ON_EKS, JobState.UNKNOWN)
                .reason(reason)
                .message(detail)
                .nativeState(nativeState)
                .sparkAppId("spark-" + ref.jobRunId())
                .namespace(ref.namespace())
                .driverPod(ref.driverPodName())
                .jobRunId(ref.jobRunId())
                .virtualClusterId(ref.virtualClusterId())
                .submittedAt(ref.createdAt());
        links(b, ref);
        return b.build();
    }

    static void links(JobResult.Builder b, EmrJobRunReference ref) {
        b.link("EMR job run", EmrConsoleLinks.jobRun(ref.region(), ref.virtualClusterId(), ref.jobRunId()));
        EmrLogLocation logs = ref.logLocation();
        String driverPath = EmrLogLocation.driverPath(logs.logStreamPrefix(), ref.virtualClusterId(), ref.jobRunId());
        if (logs.hasCloudWatch()) {
            b.link("Driver stderr (CloudWatch)", EmrConsoleLinks.logStream(ref.region(), logs.logGroup(), driverPath + "stderr"));
            b.link("Driver stdout (CloudWatch)", EmrConsoleLinks.logStream(ref.region(), logs.logGroup(), driverPath + "stdout"));
        }
        if (logs.hasS3()) {
            String base = logs.s3LogUri().endsWith("/") ? logs.s3LogUri() : logs.s3LogUri() + "/";
            b.link("Driver logs (S3)", EmrConsoleLinks.s3Prefix(ref.region(),
                    base + EmrLogLocation.driverPath(null, ref.virtualClusterId(), ref.jobRunId())));
        }
    }

    private static String defaultMessage(JobRun run) {
        return "EMR job run " + run.id() + " is " + run.stateAsString() + ".";
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " EMR: " + b;
    }
}
