package io.jenkins.plugins.sparkeks.engine;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;

/**
 * One job's request bound to the core backend that runs it, with credentials already resolved: the only
 * thing a step execution talks to. Instances hold live clients and secrets, so they are never persisted.
 */
public interface JobEngine {

    /** Checks the request without any remote call; throws {@link io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException}. */
    void validate();

    /** Submits; {@code options} are the waiting that will follow (a backend bounds its submit retries by their start timeout). */
    JobReference submit(SubmissionKey key, JobObserver observer, WaitOptions options);

    JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer);

    JobResult describe(JobReference reference);

    JobResult cancel(JobReference reference, Duration gracePeriod);

    static <S> JobEngine of(SparkJobBackend<S> backend, S spec) {
        return new BackendJobEngine<>(backend, spec);
    }
}
