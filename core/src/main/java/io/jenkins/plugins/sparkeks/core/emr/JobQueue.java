package io.jenkins.plugins.sparkeks.core.emr;

import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;
import software.amazon.awssdk.services.emrcontainers.model.ValidationException;

/**
 * A virtual cluster's job queue as StartJobRun meets it. A virtual cluster may cap the runs waiting to run
 * ({@code schedulerConfiguration.maxInQueueJobRuns}: runs PENDING or SUBMITTED); while the cap is reached EMR refuses
 * StartJobRun with a ValidationException. That refusal is a wait, not bad input. EMR documents the exception but not
 * its wording, so a ValidationException is read as "queue full" when its message speaks of the queue.
 */
final class JobQueue {

    /** More runs than this are summarised: the documented cap is 1000. */
    static final int COUNT_LIMIT = 1000;

    private final EmrContainersClient emr;
    private final String virtualClusterId;

    JobQueue(EmrContainersClient emr, String virtualClusterId) {
        this.emr = emr;
        this.virtualClusterId = virtualClusterId;
    }

    static boolean isFull(ValidationException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("queue");
    }

    /**
     * How many runs wait ahead, counted with ListJobRuns (the SDK this library uses has no schedulerStatus, and EMR
     * gives no position in the queue); null when that count cannot be had, e.g. without ListJobRuns permission.
     */
    String occupancy() {
        try {
            int waiting = 0;
            boolean more = false;
            for (var run : emr.listJobRunsPaginator(b -> b.virtualClusterId(virtualClusterId)
                    .states(JobRunState.PENDING, JobRunState.SUBMITTED).maxResults(50)).jobRuns()) {
                if (++waiting >= COUNT_LIMIT) {
                    more = true;
                    break;
                }
            }
            return (more ? "at least " : "") + waiting + (waiting == 1 ? " job run is" : " job runs are")
                    + " waiting on virtual cluster " + virtualClusterId + " (PENDING or SUBMITTED)";
        } catch (SdkException e) {
            return null;
        }
    }
}
