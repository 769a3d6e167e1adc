package io.jenkins.plugins.sparkeks.core.job;

import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;

/**
 * One way of running Spark (driver pod, Spark Operator, EMR on EKS) behind one vocabulary: submit under a
 * key, watch with shared machinery, judge, cancel, resume from a reference.
 *
 * @param <S> the backend's request type
 */
public interface SparkJobBackend<S> {

    Backend backend();

    /** Checks the request without any remote call; throws {@link InvalidJobSpecException} listing every problem. */
    void validate(S spec);

    /**
     * Validates, then creates the job unless one already exists for {@code key}, in which case that job's
     * reference is returned. Short and blocking; never leaves half-created objects behind on failure.
     * Calls {@link JobObserver#submitted} as soon as the remote id is known.
     */
    JobReference submit(S spec, SubmissionKey key, JobObserver observer);

    /**
     * As {@link #submit(Object, SubmissionKey, JobObserver)}, for a job that will be waited for with {@code options}:
     * a backend that retries its submit call bounds the retries by their start timeout.
     */
    default JobReference submit(S spec, SubmissionKey key, JobObserver observer, WaitOptions options) {
        return submit(spec, key, observer);
    }

    /**
     * Follows a submitted (or resumed) job until it is terminal. Non-blocking. Log delivery continues
     * after {@code reference.logCursor()}.
     */
    JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer);

    /** The job's state now, without waiting (for {@code wait: false} and {@code status}). */
    JobResult describe(JobReference reference);

    /** Cancels the job and waits, bounded, for it to be terminal. Tolerates a job that has already ended. */
    JobResult cancel(JobReference reference, Duration gracePeriod);
}
