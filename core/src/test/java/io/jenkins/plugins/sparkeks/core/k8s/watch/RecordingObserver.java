package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what a watch told its front end, in order. */
public final class RecordingObserver implements JobObserver {

    public final List<String> logTexts = new CopyOnWriteArrayList<>();
    public final List<LogLine> logLines = new CopyOnWriteArrayList<>();
    public final List<String> diagnostics = new CopyOnWriteArrayList<>();
    public final List<JobState> states = new CopyOnWriteArrayList<>();
    /** Every state and diagnostic line in order, worded as the consoles print them ({@code STATE: detail}). */
    public final List<String> transcript = new CopyOnWriteArrayList<>();
    public final List<String> stateDetails = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(JobState state, String detail) {
        states.add(state);
        transcript.add(state + (detail == null || detail.isBlank() ? "" : ": " + detail));
        stateDetails.add(detail);
    }

    @Override
    public void diagnostic(String line) {
        diagnostics.add(line);
        transcript.add(line);
    }

    /** Prints the transcript, so a test run shows what a user reads for {@code title}. */
    public void print(String title) {
        System.out.println("---- console: " + title);
        transcript.forEach(System.out::println);
    }

    @Override
    public void log(LogLine line) {
        logLines.add(line);
        logTexts.add(line.text());
    }
}
