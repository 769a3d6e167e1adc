package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.ApiOutage;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.emrcontainers.model.JobRun;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;

/**
 * Follows one job run on the shared machinery: its state through the virtual cluster's poller, its driver log
 * through the log group's poller, its timeouts as scheduled tasks, and with cluster access its driver pod through the
 * namespace's shared informer (the pod's end asks the poller for a prompt DescribeJobRun). Holds no thread.
 */
final class EmrJobWatch implements JobWatch, JobRunPoller.Listener {

    private static final int EXPLANATION_LINES = 50;

    private final EmrBackend backend;
    private final EmrJobRunReference initial;
    private final WaitOptions options;
    private final JobObserver observer;
    private final EmrDriverLogFollower logs;
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile JobRunPoller poller;
    private volatile DriverPodEndSignal podSignal;
    private volatile JobRun last;
    private volatile Instant startedAt;
    /** When the run entered its current state, as far as we saw it: a start timeout says how long it was stuck there. */
    private volatile Instant stateSince;
    private volatile EmrResults.Ending ending = EmrResults.Ending.NONE;
    private volatile String endingDetail;
    private volatile String delayedProblem;
    private volatile boolean finishing;
    private final ApiOutage outage;

    EmrJobWatch(EmrBackend backend, EmrJobRunReference reference, WaitOptions options, JobObserver observer) {
        this.backend = backend;
        this.initial = reference;
        this.options = options;
        this.observer = observer;
        this.logs = options.followLogs() ? backend.logFollower(reference, this::log, observer::diagnostic) : null;
        this.outage = new ApiOutage(observer, options.effectiveApiUnreachableTimeout(), "EMR job run " + reference.displayId());
    }

    void start() {
        // logs first: the poller's first look may already find the run ended and drain them
        if (logs != null) {
            logs.start();
        }
        poller = backend.machinery().watch(backend.emr(), initial.virtualClusterId(), initial.jobRunId(),
                initial.createdAt(), this);
        podSignal = followDriverPod(poller);
        if (finishing) {
            closePodSignal(); // the first look found the run ended already
        }
        // measured from EMR's creation time, so a resumed watch does not restart the clock
        Instant base = initial.createdAt() != null ? initial.createdAt() : clock().instant();
        if (options.startTimeout() != null) {
            scheduleTimeout(base.plus(options.startTimeout()), EmrResults.Ending.START_TIMEOUT, options.startTimeout());
        }
        if (options.runTimeout() != null) {
            scheduleTimeout(base.plus(options.runTimeout()), EmrResults.Ending.RUN_TIMEOUT, options.runTimeout());
        }
    }

    /**
     * With cluster access, the driver pod's end (or disappearance) asks the poller for a prompt look at EMR; without
     * it, or without a namespace to look in, the run is polled as before and the console says so once.
     */
    private DriverPodEndSignal followDriverPod(JobRunPoller p) {
        String polled = "its end is found by polling EMR every "
                + human(backend.machinery().settings().runningInterval()) + " while it runs";
        EmrClusterAccess access = backend.clusterAccess();
        if (access == null) {
            observer.diagnostic("EMR job run " + initial.displayId() + ": no access to its EKS cluster, so " + polled
                    + " (cluster access would follow the driver pod instead).");
            return null;
        }
        if (initial.namespace() == null) {
            observer.diagnostic("EMR job run " + initial.displayId() + ": its virtual cluster's namespace is not known, so "
                    + polled + ".");
            return null;
        }
        return DriverPodEndSignal.follow(backend.machinery().driverPods(), access, initial.namespace(),
                initial.driverPodName(), () -> p.confirm(initial.jobRunId()), observer::diagnostic, polled,
                () -> last != null && last.state() == JobRunState.RUNNING);
    }

    private void closePodSignal() {
        DriverPodEndSignal s = podSignal;
        if (s != null) {
            s.close();
        }
    }

    /**
     * A scheduled task per deadline, re-armed at most every running-poll interval: the deadline is on the AWS
     * clock given to the machinery, which need not run at the scheduler's pace (clock adjustments, tests).
     */
    private void scheduleTimeout(Instant deadline, EmrResults.Ending kind, Duration timeout) {
        long remaining = Duration.between(clock().instant(), deadline).toMillis();
        long delay = Math.max(0, Math.min(remaining, backend.machinery().settings().runningInterval().toMillis()));
        synchronized (timers) {
            if (finishing) {
                return;
            }
            timers.removeIf(java.util.concurrent.Future::isDone);
            timers.add(backend.machinery().scheduler().schedule(() -> {
                if (clock().instant().isBefore(deadline)) {
                    scheduleTimeout(deadline, kind, timeout);
                } else {
                    timedOut(kind, timeout);
                }
            }, delay, TimeUnit.MILLISECONDS));
        }
    }

    private java.time.Clock clock() {
        return backend.machinery().clock();
    }

    private void timedOut(EmrResults.Ending kind, Duration timeout) {
        JobRun run = last;
        if (finishing || (kind == EmrResults.Ending.START_TIMEOUT && run != null && !EmrStates.isStarting(run.state()))) {
            return;
        }
        String detail = (kind == EmrResults.Ending.START_TIMEOUT
                ? "The job run did not start within " + human(timeout) + stuckIn(run)
                : "The job run did not finish within " + human(timeout)) + "; it was cancelled.";
        endRemotely(kind, detail);
    }

    /** Asks EMR to cancel; the poller reports the outcome. A run that never confirms is given up after cancelWait. */
    private void endRemotely(EmrResults.Ending kind, String detail) {
        synchronized (this) {
            if (ending != EmrResults.Ending.NONE || finishing) {
                return;
            }
            ending = kind;
            endingDetail = detail;
        }
        observer.diagnostic(detail.replace("; it was cancelled.", "; cancelling EMR job run " + initial.displayId() + "."));
        backend.cancelInBackground(initial, observer::diagnostic, () -> finishing);
        JobRunPoller p = poller;
        if (p != null) {
            p.poke();
        }
        Duration wait = backend.machinery().settings().cancelWait();
        synchronized (timers) {
            timers.add(backend.machinery().scheduler().schedule(this::cancelUnconfirmed, wait.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private void cancelUnconfirmed() {
        JobRun run = last;
        if (finishing || run == null) {
            return;
        }
        endingDetail = endingDetail + " EMR had not confirmed the cancellation after "
                + human(backend.machinery().settings().cancelWait()) + ".";
        finish(run);
    }

    @Override
    public void update(JobRun run) {
        JobRun previous = last;
        last = run;
        if (run.state() == JobRunState.RUNNING && startedAt == null) {
            startedAt = clock().instant();
        }
        if (run.state() == JobRunState.RUNNING && logs != null) {
            logs.driverRunning();
        }
        delayedProblem = null;
        if (previous == null || previous.state() != run.state()) {
            // a run first seen PENDING has been so since it was created; a later state started about now
            stateSince = previous == null && run.state() == JobRunState.PENDING && run.createdAt() != null
                    ? run.createdAt() : clock().instant();
            JobState state = EmrStates.toJobState(run.state());
            observer.stateChanged(state, "EMR " + run.stateAsString() + attempt(run)
                    + (run.stateDetails() == null ? "" : ": " + run.stateDetails()));
        }
        if (EmrStates.isTerminal(run.state())) {
            finish(run);
        }
    }

    @Override
    public void failed(String problem) {
        stopEverything();
        result.completeExceptionally(new JobException(problem));
    }

    /** Every DescribeJobRun/ListJobRuns keeps failing: said as it goes on, and past the limit the outcome is UNKNOWN. */
    @Override
    public void unreachable(String problem, Duration since) {
        boolean gaveUp;
        synchronized (this) {
            if (finishing) {
                return;
            }
            gaveUp = outage.failing(problem, since);
            if (gaveUp) {
                finishing = true;
            }
        }
        if (gaveUp) {
            JobRun run = last;
            stopEverything();
            result.complete(EmrResults.unknown(reference(), run == null ? null : run.stateAsString(), "ApiUnreachable",
                    outage.gaveUp(problem)));
        }
    }

    @Override
    public synchronized void reachable(Duration lasted) {
        outage.recovered(lasted);
        delayedProblem = null;
    }

    @Override
    public void delayed(String problem) {
        if (delayedProblem == null) {
            observer.diagnostic(problem);
        }
        delayedProblem = problem;
    }

    private void finish(JobRun run) {
        synchronized (this) {
            if (finishing) {
                return;
            }
            finishing = true;
        }
        cancelTimers();
        closePodSignal();
        JobRunPoller p = poller;
        if (p != null) {
            p.unwatch(initial.jobRunId());
        }
        CompletableFuture<Void> drained = logs == null ? CompletableFuture.completedFuture(null) : logs.drain();
        drained.whenComplete((v, e) -> {
            try {
                result.complete(verdict(run));
            } catch (RuntimeException failure) {
                result.completeExceptionally(failure);
            }
        });
    }

    private JobResult verdict(JobRun run) {
        JobResult partial = EmrResults.of(run, reference(), ending, endingDetail, startedAt, List.of());
        String missing = logs == null ? null : logs.incompleteNote();
        if (missing != null) {
            // the driver's verdict stands; the result only says the console lacks lines and where they are
            partial = partial.toBuilder().logNote(missing).build();
        }
        if (partial.success()) {
            return partial;
        }
        List<String> explanation = new ArrayList<>();
        if (run.stateDetails() != null) {
            explanation.add("EMR: " + run.stateDetails());
        }
        synchronized (lastLines) {
            explanation.addAll(lastLines);
        }
        return partial.toBuilder().explanation(explanation).build();
    }

    private void log(LogLine line) {
        synchronized (lastLines) {
            lastLines.addLast(line.text());
            if (lastLines.size() > EXPLANATION_LINES) {
                lastLines.removeFirst();
            }
        }
        observer.log(line);
    }

    @Override
    public EmrJobRunReference reference() {
        return logs == null ? initial : initial.withLogCursor(logs.cursor(initial.logCursor()));
    }

    @Override
    public CompletableFuture<JobResult> result() {
        return result;
    }

    @Override
    public String status() {
        JobRun run = last;
        if (run == null) {
            return "EMR job run " + initial.displayId() + ": waiting for its first state";
        }
        String s = "EMR job run " + initial.displayId() + " " + run.stateAsString() + attempt(run)
                + (run.stateDetails() == null ? "" : ": " + run.stateDetails());
        return delayedProblem == null ? s : s + " (" + delayedProblem + ")";
    }

    @Override
    public CompletableFuture<JobResult> cancel(String why) {
        endRemotely(EmrResults.Ending.CANCELLED, why == null || why.isBlank() ? "Cancelled on request." : why);
        return result;
    }

    @Override
    public void detach() {
        stopEverything();
        result.completeExceptionally(new CancellationException("stopped following EMR job run " + initial.displayId()
                + "; the run itself was left alone"));
    }

    private void stopEverything() {
        finishing = true;
        cancelTimers();
        closePodSignal();
        JobRunPoller p = poller;
        if (p != null) {
            p.unwatch(initial.jobRunId());
        }
        if (logs != null) {
            logs.stop();
        }
    }

    private void cancelTimers() {
        synchronized (timers) {
            timers.forEach(t -> t.cancel(false));
            timers.clear();
        }
    }

    private static String attempt(JobRun run) {
        Integer n = run.retryPolicyExecution() == null ? null : run.retryPolicyExecution().currentAttemptCount();
        return n == null || n <= 1 ? "" : " (attempt " + n + ")";
    }

    /** Where a run that never started was stuck, and for how long. */
    private String stuckIn(JobRun run) {
        if (run == null) {
            return " (EMR had not reported a state for it yet)";
        }
        Instant since = stateSince;
        String how = since == null ? "" : " for " + human(Duration.between(since, clock().instant()).truncatedTo(ChronoUnit.SECONDS))
                + " (since " + since.truncatedTo(ChronoUnit.SECONDS) + ")";
        return ": it was " + run.stateAsString() + how + (run.stateDetails() == null ? "" : ", " + run.stateDetails());
    }

    static String human(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }
}
