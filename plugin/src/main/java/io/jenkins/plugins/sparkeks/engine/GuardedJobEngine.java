package io.jenkins.plugins.sparkeks.engine;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.secrets.ValueMask;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Wraps the engine of a job that was given secret values, so that nothing it hands back (console lines, driver
 * log lines, results, exception messages) carries one of them, and prints the clear-text warnings when the job
 * is submitted. Without secret values, results, watches and exceptions pass through untouched.
 */
record GuardedJobEngine(JobEngine engine, ValueMask mask, List<String> warnings) implements JobEngine {

    GuardedJobEngine {
        warnings = List.copyOf(warnings);
    }

    @Override
    public void validate() {
        guard(() -> {
            engine.validate();
            return null;
        });
    }

    @Override
    public JobReference submit(SubmissionKey key, JobObserver observer, WaitOptions options) {
        JobObserver masked = masked(observer);
        warnings.forEach(masked::diagnostic);
        return guard(() -> engine.submit(key, masked, options));
    }

    @Override
    public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
        JobWatch w = guard(() -> engine.watch(reference, options, masked(observer)));
        return mask.isEmpty() ? w : new MaskedWatch(w, this);
    }

    @Override
    public JobResult describe(JobReference reference) {
        return masked(guard(() -> engine.describe(reference)));
    }

    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        return masked(guard(() -> engine.cancel(reference, gracePeriod)));
    }

    @Override
    public String toString() {
        return "Guarded" + engine;
    }

    private <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw masked(e);
        }
    }

    JobResult masked(JobResult r) {
        if (r == null || mask.isEmpty()) {
            return r;
        }
        return r.toBuilder()
                .reason(mask.mask(r.reason()))
                .message(mask.mask(r.message()))
                .explanation(r.explanation().stream().map(mask::mask).toList())
                .build();
    }

    /** The exception itself when no secret shows in it or its causes; else a copy with the values masked and no cause. */
    RuntimeException masked(RuntimeException e) {
        if (!revealed(e)) {
            return e;
        }
        if (e instanceof InvalidJobSpecException invalid) {
            return new InvalidJobSpecException(invalid.errors().stream()
                    .map(f -> new FieldError(f.field(), mask.mask(f.problem()), mask.mask(f.fix())))
                    .toList());
        }
        return new JobException(mask.mask(e instanceof JobException ? e.getMessage() : e.toString()));
    }

    Throwable masked(Throwable t) {
        return t instanceof RuntimeException r
                ? masked(r)
                : revealed(t) ? new JobException(mask.mask(t.toString())) : t;
    }

    private boolean revealed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (mask.revealedIn(c.getMessage()) || mask.revealedIn(c.toString())) {
                return true;
            }
        }
        return false;
    }

    private JobObserver masked(JobObserver observer) {
        if (mask.isEmpty()) {
            return observer;
        }
        return new JobObserver() {
            @Override
            public void submitted(JobReference reference) {
                observer.submitted(reference);
            }

            @Override
            public void stateChanged(JobState state, String detail) {
                observer.stateChanged(state, mask.mask(detail));
            }

            @Override
            public void diagnostic(String line) {
                observer.diagnostic(mask.mask(line));
            }

            @Override
            public void log(LogLine line) {
                observer.log(new LogLine(line.source(), line.timestamp(), mask.mask(line.text())));
            }
        };
    }

    /** A watch whose status, results and failures pass through the mask. */
    private record MaskedWatch(JobWatch watch, GuardedJobEngine guard) implements JobWatch {

        @Override
        public JobReference reference() {
            return watch.reference();
        }

        @Override
        public CompletableFuture<JobResult> result() {
            return masked(watch.result());
        }

        @Override
        public String status() {
            return guard.mask.mask(watch.status());
        }

        @Override
        public CompletableFuture<JobResult> cancel(String why) {
            return masked(watch.cancel(why));
        }

        @Override
        public void detach() {
            watch.detach();
        }

        // completes a new future with exactly the failure the source holds (a CancellationException stays one)
        private CompletableFuture<JobResult> masked(CompletableFuture<JobResult> source) {
            CompletableFuture<JobResult> out = new CompletableFuture<>();
            source.whenComplete((r, t) -> {
                if (t == null) {
                    out.complete(guard.masked(r));
                } else if (t instanceof CompletionException c && c.getCause() != null) {
                    out.completeExceptionally(new CompletionException(guard.masked(c.getCause())));
                } else {
                    out.completeExceptionally(guard.masked(t));
                }
            });
            return out;
        }
    }
}
