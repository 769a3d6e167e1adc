package io.jenkins.plugins.sparkeks.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.action.SparkJobSummary;
import io.jenkins.plugins.sparkeks.action.SparkJobsAction;
import io.jenkins.plugins.sparkeks.console.ConsoleReporter;
import io.jenkins.plugins.sparkeks.console.SecretMasker;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.engine.CoreJobEngines;
import io.jenkins.plugins.sparkeks.engine.JobEngine;
import io.jenkins.plugins.sparkeks.engine.JobEngineFactory;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs one Spark job for a Pipeline step and survives controller restarts.
 *
 * <p>{@link #start()} only numbers the step and hands over to the plugin's worker pool, which resolves
 * credentials, validates, submits, and starts a core watch; waiting then costs no thread. The remote
 * reference is saved with the program as soon as it is known and again whenever the log cursor moves, so
 * {@link #onResume()} reattaches to the same job and continues its log without repeating lines. Only
 * {@link #stop} cancels the remote job; a restart never does.
 *
 * <p>At shutdown {@link ShutdownDetacher} calls {@link #detachAll()} before any {@code @Terminator} runs, so
 * before workflow-cps suspends the program and writes program.dat: the log cursor in {@link #reference} is then
 * final whatever the durability setting (below SURVIVABLE_NONATOMIC, {@code saveState()} writes nothing and
 * that suspension is the only write).
 */
public class SparkJobStepExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(SparkJobStepExecution.class.getName());

    static final Duration CANCEL_GRACE = Duration.ofSeconds(30);
    /** How long a stopped step waits for the remote cancellation before it ends anyway. */
    static final long STOP_TIMEOUT_SECONDS = 60;

    static final long CHECKPOINT_SECONDS = 30;

    private static final Set<SparkJobStepExecution> WAITING = ConcurrentHashMap.newKeySet();
    /** Counts {@link #detachAll()} calls: a launch that began before one must not keep following after it. */
    private static final AtomicInteger SHUTDOWNS = new AtomicInteger();

    static {
        SparkOnEksThreads.SCHEDULER.scheduleWithFixedDelay(
                () -> WAITING.forEach(SparkJobStepExecution::checkpoint),
                CHECKPOINT_SECONDS,
                CHECKPOINT_SECONDS,
                TimeUnit.SECONDS);
    }

    private final Persisted<JobDefinition> definition;
    private String submissionKey;
    private volatile Persisted<JobReference> reference;

    private final JobEngineFactory engines;
    private transient volatile JobEngine engine;
    private transient volatile JobWatch watch;
    private transient volatile ConsoleReporter console;
    private transient volatile Throwable stopCause;
    private transient volatile boolean completed;
    /** Set at shutdown: the watch's result then ends in a CancellationException that must not end the step. */
    private transient volatile boolean detached;

    public SparkJobStepExecution(StepContext context, JobDefinition definition) {
        this(context, definition, CoreJobEngines.INSTANCE);
    }

    SparkJobStepExecution(StepContext context, JobDefinition definition, JobEngineFactory engines) {
        super(context);
        this.definition = Persisted.of(definition);
        this.engines = engines;
    }

    /**
     * The execution for a step's arguments. Arguments that do not make a valid job give an execution that only
     * ends the step with every field's problem and fix, as an {@link AbortException} (no stack trace in the
     * console); nothing is submitted.
     */
    static StepExecution of(StepContext context, Supplier<JobDefinition> definition) {
        try {
            return new SparkJobStepExecution(context, definition.get());
        } catch (InvalidJobSpecException e) {
            return new InvalidArgumentsExecution(context, e.getMessage());
        }
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        submissionKey = SubmissionCounter.nextKey(run).value();
        console = reporter(listener, run);
        console.line("Submitting " + definition.get().describe());
        SparkOnEksThreads.WORK.execute(() -> launch(run, false));
        return false;
    }

    @Override
    public void onResume() {
        Run<?, ?> run;
        TaskListener listener;
        try {
            run = getContext().get(Run.class);
            listener = getContext().get(TaskListener.class);
        } catch (IOException | InterruptedException e) {
            fail(e);
            return;
        }
        console = reporter(listener, run);
        SubmissionCounter.resumed(run, new SubmissionKey(submissionKey));
        JobReference ref = reference();
        console.line(
                ref == null
                        ? "Jenkins restarted before the job was confirmed; submitting again under the same key, which finds the job if it exists"
                        : "Jenkins restarted; reattaching to " + ref.displayId() + " without submitting again");
        SparkOnEksThreads.WORK.execute(() -> launch(run, true));
    }

    @Override
    public void stop(Throwable cause) {
        stopCause = cause;
        ConsoleReporter c = console;
        if (c != null) {
            c.line("Build stopped; cancelling the Spark job");
        }
        JobWatch w = watch;
        if (w != null) {
            cancel(w);
        }
        // if submission is still running, launch() sees stopCause and cancels; either way the step ends in bounded time
        SparkOnEksThreads.SCHEDULER.schedule(() -> fail(cause), STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public String getStatus() {
        if (completed) {
            return null;
        }
        JobWatch w = watch;
        if (w != null) {
            return (stopCause != null ? "cancelling: " : "waiting for ") + w.status();
        }
        JobReference ref = reference();
        if (ref != null) {
            return (stopCause != null ? "cancelling " : "reattaching to ") + ref.displayId();
        }
        return stopCause != null
                ? "cancelling the submission"
                : "submitting " + definition.get().describe();
    }

    /**
     * Jenkins is shutting down: stop following every job locally and leave the remote jobs running. Returns once
     * every execution's {@link #reference} holds the cursor after its last delivered line, so the program
     * suspended next saves that; {@link #onResume()} reattaches from it after the restart. Nothing is cancelled.
     */
    static void detachAll() {
        SHUTDOWNS.incrementAndGet();
        for (SparkJobStepExecution e : WAITING) {
            e.detach();
        }
    }

    /**
     * Detaches first and reads the cursor after: the core's watches deliver no line once {@code detach()} has
     * returned, so the saved cursor is exactly the last line the console shows, with nothing repeated or lost.
     */
    private synchronized void detach() {
        JobWatch w = watch;
        if (w == null || detached || completed) {
            return;
        }
        detached = true;
        w.detach();
        reference = Persisted.of(w.reference());
        WAITING.remove(this);
        // writes program.dat now where the durability saves per step; otherwise the suspension writes this field
        getContext().saveState();
    }

    JobReference reference() {
        Persisted<JobReference> r = reference;
        return r == null ? null : r.get();
    }

    private void launch(Run<?, ?> run, boolean resuming) {
        int shutdowns = SHUTDOWNS.get();
        try {
            JobEngine e;
            try {
                e = engine(run);
            } catch (IOException | RuntimeException x) {
                if (resuming) {
                    fail(notReattached(x));
                    return;
                }
                throw x;
            }
            JobReference ref = reference();
            if (ref == null) {
                e.validate();
                ref = e.submit(
                        new SubmissionKey(submissionKey),
                        console,
                        definition.get().waitSettings().toWaitOptions());
                if (reference() == null) {
                    onSubmitted(run, ref);
                }
            }
            if (stopCause != null) {
                cancel(e, ref);
                return;
            }
            JobDefinition def = definition.get();
            if (!def.waitSettings().waitForCompletion()) {
                finish(run, ref, e.describe(ref));
                return;
            }
            JobWatch w = e.watch(ref, def.waitSettings().toWaitOptions(), console);
            watch = w;
            WAITING.add(this);
            if (SHUTDOWNS.get() != shutdowns) {
                detach(); // Jenkins began shutting down while this launch ran, perhaps after detachAll() looked
                return;
            }
            if (stopCause != null) {
                cancel(w);
                return;
            }
            w.result()
                    .whenCompleteAsync(
                            (result, error) -> {
                                if (detached) {
                                    return; // the controller is going down; onResume() reattaches from the saved
                                    // reference
                                }
                                if (error != null) {
                                    fail(unwrap(error));
                                } else if (stopCause == null) {
                                    finish(run, w.reference(), result);
                                }
                            },
                            SparkOnEksThreads.WORK);
        } catch (InvalidJobSpecException | JobException e) {
            fail(new AbortException(e.getMessage()));
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void onSubmitted(Run<?, ?> run, JobReference ref) {
        reference = Persisted.of(ref);
        getContext().saveState();
        SparkOnEksThreads.WORK.execute(() -> SparkJobsAction.of(run).record(SparkJobSummary.submitted(keyHash(), ref)));
    }

    /** Saves the reference when the log cursor moved, so a restart continues the log where it stopped. */
    synchronized void checkpoint() {
        JobWatch w = watch;
        if (w == null || completed || detached) {
            return; // after detach() the reference holds the final cursor; an older read must not replace it
        }
        JobReference now = w.reference();
        if (!now.equals(reference())) {
            reference = Persisted.of(now);
            getContext().saveState();
        }
    }

    private void cancel(JobWatch w) {
        w.cancel("the Jenkins build was stopped")
                .whenCompleteAsync(
                        (result, error) -> {
                            if (result != null) {
                                cancelled(w.reference(), result);
                            } else {
                                console.line(
                                        "Cancelling failed: " + unwrap(error).getMessage());
                            }
                            fail(stopCause);
                        },
                        SparkOnEksThreads.WORK);
    }

    private void cancel(JobEngine e, JobReference ref) {
        try {
            cancelled(ref, e.cancel(ref, CANCEL_GRACE));
        } catch (RuntimeException ex) {
            console.line("Cancelling " + ref.displayId() + " failed: " + ex.getMessage());
        }
        fail(stopCause);
    }

    private void cancelled(JobReference ref, JobResult result) {
        console.result(result);
        recordQuietly(ref, result);
    }

    private void finish(Run<?, ?> run, JobReference ref, JobResult result) {
        if (completed) {
            return;
        }
        console.result(result);
        recordQuietly(ref, result);
        JobDefinition def = definition.get();
        if (!def.waitSettings().fails(result)) {
            succeed(new LinkedHashMap<>(result.toMap()));
        } else {
            fail(new AbortException("Spark job " + ref.displayId() + " ended " + result.state()
                    + (result.reason() == null ? "" : " (" + result.reason() + ")")));
        }
    }

    private void recordQuietly(JobReference ref, JobResult result) {
        try {
            Run<?, ?> run = getContext().get(Run.class);
            SparkJobsAction.of(run).record(SparkJobSummary.of(keyHash(), ref, result));
        } catch (IOException | InterruptedException | RuntimeException e) {
            LOGGER.log(Level.FINE, "could not record the Spark job summary", e);
        }
    }

    private synchronized boolean complete() {
        if (completed) {
            return false;
        }
        completed = true;
        WAITING.remove(this);
        return true;
    }

    private void succeed(Object value) {
        if (complete()) {
            getContext().onSuccess(value);
        }
    }

    private void fail(Throwable t) {
        if (complete()) {
            getContext().onFailure(t);
        }
    }

    private JobEngine engine(Run<?, ?> run) throws IOException, InterruptedException {
        JobEngine e = engine;
        if (e == null) {
            e = engines.create(definition.get(), run);
            engine = e;
        }
        return e;
    }

    private String keyHash() {
        return new SubmissionKey(submissionKey).hash(16);
    }

    private ConsoleReporter reporter(TaskListener listener, Run<?, ?> run) {
        return new ConsoleReporter(
                listener,
                SecretMasker.forDefinition(definition.get()),
                ref -> {
                    if (reference() == null) {
                        onSubmitted(run, ref);
                    }
                },
                snapshot -> SparkJobsAction.of(run).live(keyHash(), snapshot));
    }

    /**
     * After a restart the step could not get at its job again (typically: a credential it names is gone). It
     * cannot follow nor cancel the job, so it ends and says so: the remote job is left as it is.
     */
    private AbortException notReattached(Exception cause) {
        JobReference ref = reference();
        Throwable c = unwrap(cause);
        String why = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        if (ref != null) {
            return new AbortException("Jenkins restarted and this step could not reattach to Spark job "
                    + ref.displayId() + " (" + ref.backend() + "): " + why + "\nThe Spark job was NOT cancelled and may"
                    + " still be running: find it as " + ref.displayId() + " and cancel it there if it must not go on."
                    + " Restoring the credential does not revive this step; run the build again for a new job.");
        }
        return new AbortException("Jenkins restarted before this step's Spark job was confirmed, and the step could"
                + " not resume: " + why + "\nA job may have been submitted just before the restart; it was NOT"
                + " cancelled. Its driver pod name (Kubernetes) contains " + keyHash() + "; on EMR on EKS look for a"
                + " job run of this build's job name started then.");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof InvalidJobSpecException || cause instanceof JobException) {
            return new AbortException(cause.getMessage());
        }
        return cause;
    }
}
