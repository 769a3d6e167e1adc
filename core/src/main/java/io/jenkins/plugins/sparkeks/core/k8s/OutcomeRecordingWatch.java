package io.jenkins.plugins.sparkeks.core.k8s;

import io.jenkins.plugins.sparkeks.core.job.DecoratedJobWatch;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A watch whose verdict is written to the key's {@link SubmissionRecords} before anyone sees it, so that a
 * {@code status} or a repeated submit right after the step ended already finds the same outcome.
 */
public final class OutcomeRecordingWatch extends DecoratedJobWatch {

    private OutcomeRecordingWatch(JobWatch inner, CompletableFuture<JobResult> result) {
        super(inner, result);
    }

    /** {@code inner} itself when the reference carries no key (an old reference): there is nothing to record under. */
    public static JobWatch of(JobWatch inner, SubmissionRecords records, String namespace, String keyHash, Executor executor) {
        if (keyHash == null) {
            return inner;
        }
        CompletableFuture<JobResult> recorded = new CompletableFuture<>();
        inner.result().whenComplete((r, failure) -> {
            if (failure != null) {
                // at once and unwrapped: a detach must read as a CancellationException as soon as it returns
                recorded.completeExceptionally(unwrapped(failure));
                return;
            }
            Runnable record = () -> {
                records.recordOutcome(namespace, keyHash, r);
                recorded.complete(r);
            };
            runOn(executor, record); // one API call: not on the thread that completed the watch
        });
        return new OutcomeRecordingWatch(inner, recorded);
    }
}
