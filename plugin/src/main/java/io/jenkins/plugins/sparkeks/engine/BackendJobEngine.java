package io.jenkins.plugins.sparkeks.engine;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;
import java.util.Objects;

/** A core {@link SparkJobBackend} with its request. */
record BackendJobEngine<S>(SparkJobBackend<S> backend, S spec) implements JobEngine {

    BackendJobEngine {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(spec, "spec");
    }

    @Override
    public void validate() {
        backend.validate(spec);
    }

    @Override
    public JobReference submit(SubmissionKey key, JobObserver observer, WaitOptions options) {
        return backend.submit(spec, key, observer, options);
    }

    @Override
    public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
        return backend.watch(reference, options, observer);
    }

    @Override
    public JobResult describe(JobReference reference) {
        return backend.describe(reference);
    }

    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        return backend.cancel(reference, gracePeriod);
    }

    @Override
    public String toString() {
        // the request may carry sensitive Spark conf: name the backend only
        return "JobEngine[" + backend.backend() + "]";
    }
}
