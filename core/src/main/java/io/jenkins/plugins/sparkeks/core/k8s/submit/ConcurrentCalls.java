package io.jenkins.plugins.sparkeks.core.k8s.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs blocking API calls that do not depend on each other at the same time, so a submission waits for the slowest
 * of them rather than for their sum. Calls go to a shared executor; one the executor has not started by the time
 * the caller needs it runs on the caller's thread, so a busy (or closing) executor only makes the calls sequential
 * again, never stuck.
 */
final class ConcurrentCalls {

    private ConcurrentCalls() {}

    /** One call handed to the executor; whoever claims it first (a pool thread or the caller) runs it. */
    static final class Call {
        private final Runnable body;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private Call(Runnable body) {
            this.body = body;
        }

        private void runIfUnclaimed() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                body.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }

        /** Runs the call here unless a pool thread has it, then waits for it; its failure, or null. */
        RuntimeException finish() {
            runIfUnclaimed();
            try {
                done.join();
                return null;
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                return cause instanceof RuntimeException r ? r : e;
            }
        }
    }

    /** Starts {@code body} on {@code executor}; {@link Call#finish()} collects it. */
    static Call start(Executor executor, Runnable body) {
        Call call = new Call(body);
        try {
            executor.execute(call::runIfUnclaimed);
        } catch (RejectedExecutionException e) {
            // the client is closing: finish() runs it on the caller's thread
        }
        return call;
    }

    /**
     * Runs every call, all but the last on {@code executor} and the last on this thread, and waits for all of
     * them. Returns their failures in the order of {@code calls} (empty when all succeeded).
     */
    static List<RuntimeException> runAll(Executor executor, List<Runnable> calls) {
        List<Call> started = new ArrayList<>();
        for (int i = 0; i < calls.size() - 1; i++) {
            started.add(start(executor, calls.get(i)));
        }
        Call last = new Call(calls.get(calls.size() - 1));
        started.add(last);
        List<RuntimeException> failures = new ArrayList<>();
        RuntimeException lastFailure = last.finish();
        for (Call call : started) {
            RuntimeException failure = call == last ? lastFailure : call.finish();
            if (failure != null) {
                failures.add(failure);
            }
        }
        return failures;
    }
}
