package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One command's conversation with an engine: submit, follow, and turn the verdict into output and an exit
 * code. Ctrl-C while following cancels the remote job (or, with {@code detach}, leaves it running).
 */
final class JobSession {

    /** How long Ctrl-C waits for the remote side to confirm a cancellation before giving up. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

    private final Terminal terminal;
    private final Interrupts interrupts;
    private final ReferenceCodec codec;

    JobSession(Terminal terminal, Interrupts interrupts, ReferenceCodec codec) {
        this.terminal = terminal;
        this.interrupts = interrupts;
        this.codec = codec;
    }

    /** Submits, then either prints the reference ({@code --no-wait}) or follows the job to its verdict. */
    /** What a command ends with: its exit code and, when there is one, the job's result. */
    record Outcome(int exitCode, JobResult result) {
        static Outcome of(JobResult result) {
            return new Outcome(ExitCodes.of(result), result);
        }
    }

    <S> Outcome submit(SparkJobBackend<S> backend, S request, SubmissionKey key, WaitFlags flags, WaitOptions options) {
        ConsoleObserver observer = new ConsoleObserver(terminal, codec);
        JobReference reference = backend.submit(request, key, observer, options);
        if (flags.noWait) {
            String encoded = codec.encode(reference);
            JobResult now = backend.describe(reference);
            if (terminal.format() == OutputFormat.json) {
                terminal.result(now, encoded, true);
            } else {
                terminal.answer(encoded);
            }
            return new Outcome(ExitCodes.OK, now);
        }
        return follow(backend, reference, options, observer, !flags.detach);
    }

    /** Follows a job until it is terminal; Ctrl-C cancels it when {@code cancelOnInterrupt}, else detaches. */
    Outcome follow(SparkJobBackend<?> backend, JobReference reference, WaitOptions options, boolean cancelOnInterrupt) {
        return follow(backend, reference, options, new ConsoleObserver(terminal, codec), cancelOnInterrupt);
    }

    private Outcome follow(SparkJobBackend<?> backend, JobReference reference, WaitOptions options,
            ConsoleObserver observer, boolean cancelOnInterrupt) {
        JobWatch watch = backend.watch(reference, options, observer);
        ScheduledExecutorService ticker = terminal.isLive() ? startTicker(watch) : null;
        AtomicBoolean interrupted = new AtomicBoolean();
        try (Interrupts.Registration ignored = interrupts.onInterrupt(() -> {
            interrupted.set(true);
            interrupted(watch, cancelOnInterrupt);
        })) {
            JobResult result = await(watch.result(), null);
            if (!interrupted.get()) {
                // after Ctrl-C the interrupt handler reports: the JVM may stop as soon as it returns
                terminal.result(result, codec.encode(watch.reference()), false);
            }
            return Outcome.of(result);
        } finally {
            if (ticker != null) {
                ticker.shutdownNow();
            }
            terminal.endStatus();
        }
    }

    /** On a terminal, the state line shows what is awaited and for how long; one UI thread per process. */
    private ScheduledExecutorService startTicker(JobWatch watch) {
        Instant since = Instant.now();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spark-on-eks-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> terminal.progress(
                watch.status() + " (" + Duration.between(since, Instant.now()).toSeconds() + "s)"),
                1, 1, TimeUnit.SECONDS);
        return ticker;
    }

    Outcome status(SparkJobBackend<?> backend, JobReference reference) {
        JobResult result = backend.describe(reference);
        terminal.result(result, null, true);
        return Outcome.of(result);
    }

    Outcome cancel(SparkJobBackend<?> backend, JobReference reference, Duration gracePeriod) {
        JobResult result = backend.cancel(reference, gracePeriod);
        terminal.result(result, null, true);
        if (Boolean.FALSE.equals(result.cancelConfirmed())) {
            return new Outcome(ExitCodes.CANCEL_NOT_CONFIRMED, result);
        }
        return new Outcome(result.state().isTerminal() ? ExitCodes.OK : ExitCodes.ERROR, result);
    }

    private void interrupted(JobWatch watch, boolean cancel) {
        String resume = codec.encode(watch.reference());
        if (!cancel) {
            watch.detach();
            terminal.info("Detached; the job keeps running. Follow it again with: spark-on-eks logs " + resume);
            return;
        }
        terminal.info("Interrupted: cancelling " + watch.reference().displayId() + " ...");
        try {
            JobResult result = await(watch.cancel("interrupted (Ctrl-C)"), CANCEL_WAIT);
            terminal.result(result, resume, false);
        } catch (RuntimeException e) {
            terminal.info("Could not confirm the cancellation (" + e.getMessage() + "). Check with: spark-on-eks status "
                    + resume);
        }
    }

    /** Waits for a result; unwraps the engine's exception so the top level can map it to an exit code. */
    private static JobResult await(CompletableFuture<JobResult> future, Duration limit) {
        try {
            return limit == null ? future.get() : future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + limit.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the job", e);
        }
    }
}
