package io.jenkins.plugins.sparkeks.core.k8s;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.util.concurrent.CompletableFuture;

/** A job that ended before this watch began and whose objects are gone: its recorded outcome, at once. */
public record RecordedWatch(JobReference reference, CompletableFuture<JobResult> result, String status) implements JobWatch {

    public static RecordedWatch of(JobReference reference, JobResult recorded, JobObserver observer) {
        JobObserver to = observer == null ? JobObserver.NONE : observer;
        to.diagnostic("Job " + reference.displayId() + " already ended (" + recorded.state()
                + (recorded.reason() == null ? "" : ", " + recorded.reason()) + "); reporting its recorded outcome.");
        return new RecordedWatch(reference, CompletableFuture.completedFuture(recorded),
                reference.displayId() + " ended: " + recorded.state() + " (recorded)");
    }

    @Override
    public CompletableFuture<JobResult> cancel(String why) {
        return result; // nothing runs any more
    }

    @Override
    public void detach() {
        // nothing to stop
    }
}
