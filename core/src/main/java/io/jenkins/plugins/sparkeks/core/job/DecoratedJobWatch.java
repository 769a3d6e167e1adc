package io.jenkins.plugins.sparkeks.core.job;

import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A watch around another one that gives its own result (the inner one's, with something done or added first);
 * the reference, the status, a cancel and a detach go to the inner watch.
 */
public abstract class DecoratedJobWatch implements JobWatch {

    protected final JobWatch inner;
    protected final CompletableFuture<JobResult> result;

    protected DecoratedJobWatch(JobWatch inner, CompletableFuture<JobResult> result) {
        this.inner = inner;
        this.result = result;
    }

    @Override
    public JobReference reference() {
        return inner.reference();
    }

    @Override
    public CompletableFuture<JobResult> result() {
        return result;
    }

    @Override
    public String status() {
        return inner.status();
    }

    @Override
    public CompletableFuture<JobResult> cancel(String why) {
        inner.cancel(why);
        return result;
    }

    @Override
    public void detach() {
        inner.detach();
    }

    /** An inner result's failure as it was raised: a detach must read as a CancellationException at once. */
    protected static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** API work off the thread that completed the inner watch; on this thread once the executor is shut down. */
    protected static void runOn(Executor executor, Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException shuttingDown) {
            work.run();
        }
    }
}
