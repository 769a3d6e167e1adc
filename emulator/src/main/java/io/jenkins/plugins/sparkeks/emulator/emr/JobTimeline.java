package io.jenkins.plugins.sparkeks.emulator.emr;

import io.jenkins.plugins.sparkeks.emulator.JobScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job run's history as a pure function of time: its script, when it was created and, if asked, when it was
 * cancelled. Nothing runs in the background; every state is computed from the clock when someone asks.
 *
 * @param queued            extra time in SUBMITTED waiting for a slot under the virtual cluster's
 *                          maxConcurrentJobRuns, decided when the run is accepted (a later cancel of another run does
 *                          not re-plan it)
 * @param cancelRequestedAt {@code null} while nobody cancelled the run
 */
record JobTimeline(JobScript script, Instant createdAt, Duration queued, Instant cancelRequestedAt) {

    JobTimeline(JobScript script, Instant createdAt, Instant cancelRequestedAt) {
        this(script, createdAt, Duration.ZERO, cancelRequestedAt);
    }

    /**
     * How long a hosted run's phase lasts while nobody knows its end: longer than any test or demo, and replaced as
     * soon as the host reports.
     */
    static final Duration OPEN = Duration.ofDays(3650);

    /**
     * The timeline of a run whose driver a host runs: the rule's PENDING, then SUBMITTED until the host reports, no
     * driver output of its own, no scheduler queueing.
     */
    static JobTimeline hosted(JobScript rule, Instant createdAt) {
        JobScript waiting = JobScript.builder().pending(rule.pending()).submitted(OPEN).running(Duration.ZERO)
                .completes().cancelPending(rule.cancelPending()).build();
        return new JobTimeline(waiting, createdAt, Duration.ZERO, null);
    }

    /** A hosted run whose driver started at {@code at}: RUNNING from then (not before PENDING is over) for now on. */
    JobTimeline driverRunningAt(Instant at) {
        JobScript s = script;
        return new JobTimeline(new JobScript(s.pending(), sinceSubmitted(at), OPEN, "COMPLETED", null, null, 1,
                List.of(), List.of(), s.cancelPending()), createdAt, queued, cancelRequestedAt);
    }

    /**
     * A hosted run whose driver ended at {@code at}: COMPLETED, or FAILED with {@code failureReason} and
     * {@code details}; a driver that never ran leaves no RUNNING phase.
     */
    JobTimeline driverEndedAt(Instant at, String failureReason, String details) {
        JobScript s = script;
        boolean ran = !s.running().isZero();
        Duration submitted = ran ? s.submitted() : sinceSubmitted(at);
        Duration running = Duration.ZERO;
        if (ran) {
            Duration d = Duration.between(submittedStart().plus(submitted), at);
            // a driver that ran keeps a RUNNING phase, however short, so its streams exist
            running = d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
        }
        String outcome = failureReason == null ? "COMPLETED" : "FAILED";
        return new JobTimeline(new JobScript(s.pending(), submitted, running, outcome, failureReason, details, 1,
                List.of(), List.of(), s.cancelPending()), createdAt, queued, cancelRequestedAt);
    }

    private Duration sinceSubmitted(Instant at) {
        Duration d = Duration.between(submittedStart(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** One line of driver output and the moment the driver printed it. */
    record TimedLine(Instant at, String text) {
    }

    Instant runningStart() {
        return createdAt.plus(script.untilRunning()).plus(queued);
    }

    Instant scriptedEnd() {
        return runningStart().plus(script.running());
    }

    /** When the driver stops holding a concurrency slot: its scripted end, or a cancel while RUNNING; null if never. */
    Instant slotReleasedAt() {
        if (cancelRequestedAt == null) {
            return scriptedEnd();
        }
        return cancelRequestedAt.isAfter(runningStart()) ? min(cancelRequestedAt, scriptedEnd()) : null;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    String stateAt(Instant t) {
        if (cancelRequestedAt != null && !t.isBefore(cancelRequestedAt)) {
            return t.isBefore(cancelledAt()) ? "CANCEL_PENDING" : "CANCELLED";
        }
        if (t.isBefore(createdAt.plus(script.pending()))) {
            return "PENDING";
        }
        if (t.isBefore(runningStart())) {
            return "SUBMITTED";
        }
        if (t.isBefore(scriptedEnd())) {
            return "RUNNING";
        }
        return script.outcome();
    }

    boolean isTerminalAt(Instant t) {
        String state = stateAt(t);
        return state.equals("COMPLETED") || state.equals("FAILED") || state.equals("CANCELLED");
    }

    boolean isCancellableAt(Instant t) {
        String state = stateAt(t);
        return state.equals("PENDING") || state.equals("SUBMITTED") || state.equals("RUNNING");
    }

    Optional<Instant> finishedAt(Instant t) {
        if (!isTerminalAt(t)) {
            return Optional.empty();
        }
        return Optional.of(cancelRequestedAt != null ? cancelledAt() : scriptedEnd());
    }

    JobTimeline cancelledAt(Instant t) {
        return new JobTimeline(script, createdAt, queued, t);
    }

    Instant submittedStart() {
        return createdAt.plus(script.pending());
    }

    /** Whether the job-runner pod (spark-submit) ever ran: the run got past PENDING before any cancel. */
    boolean jobRunnerStarted() {
        boolean hasSubmission = script.submitted().plus(queued).plus(script.running()).compareTo(Duration.ZERO) > 0;
        return hasSubmission && (cancelRequestedAt == null || cancelRequestedAt.isAfter(submittedStart()));
    }

    /** What spark-submit in the job-runner pod prints: the submission, then the driver starting. */
    List<TimedLine> jobRunnerLines(String jobRunId) {
        List<TimedLine> out = new ArrayList<>(2);
        out.add(new TimedLine(submittedStart(), "INFO Client: Submitting application spark-" + jobRunId
                + " in cluster mode"));
        if (driverStarted()) {
            out.add(new TimedLine(runningStart(), "INFO LoggingPodStatusWatcherImpl: Application spark-" + jobRunId
                    + " driver pod spark-" + jobRunId + "-driver phase: Running"));
        }
        return out;
    }

    /** Whether the driver ever started, which is when its log streams come to exist. */
    boolean driverStarted() {
        return script.running().compareTo(Duration.ZERO) > 0
                && (cancelRequestedAt == null || cancelRequestedAt.isAfter(runningStart()));
    }

    /** Attempt number at time t: attempts are spread evenly over the RUNNING phase, the last one ends it. */
    int attemptAt(Instant t) {
        if (!t.isAfter(runningStart()) || script.attempts() == 1) {
            return 1;
        }
        long elapsed = Duration.between(runningStart(), t).toMillis();
        long running = Math.max(1, script.running().toMillis());
        return (int) Math.min(script.attempts(), 1 + elapsed * script.attempts() / running);
    }

    /** Lines spread evenly across RUNNING (never at its very edges); a cancel cuts off what comes after it. */
    List<TimedLine> timed(List<String> lines) {
        List<TimedLine> out = new ArrayList<>(lines.size());
        long running = script.running().toMillis();
        for (int i = 0; i < lines.size(); i++) {
            Instant at = runningStart().plusMillis(running * (i + 1) / (lines.size() + 1));
            if (cancelRequestedAt == null || at.isBefore(cancelRequestedAt)) {
                out.add(new TimedLine(at, lines.get(i)));
            }
        }
        return out;
    }

    private Instant cancelledAt() {
        return cancelRequestedAt.plus(script.cancelPending());
    }
}
