package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers everything a front end would be told, from any thread. */
final class RecordingObserver implements JobObserver {
    final List<JobReference> submitted = new CopyOnWriteArrayList<>();
    final List<JobState> states = new CopyOnWriteArrayList<>();
    final List<String> stateDetails = new CopyOnWriteArrayList<>();
    final List<String> diagnostics = new CopyOnWriteArrayList<>();
    final List<LogLine> lines = new CopyOnWriteArrayList<>();
    /** States and diagnostics in order, worded as the consoles print them. */
    private final List<String> transcript = new CopyOnWriteArrayList<>();

    @Override
    public void submitted(JobReference reference) {
        submitted.add(reference);
    }

    @Override
    public void stateChanged(JobState state, String detail) {
        states.add(state);
        stateDetails.add(detail);
        transcript.add(state + (detail == null || detail.isBlank() ? "" : ": " + detail));
    }

    @Override
    public void diagnostic(String line) {
        diagnostics.add(line);
        transcript.add(line);
    }

    List<String> transcript() {
        return transcript;
    }

    @Override
    public void log(LogLine line) {
        lines.add(line);
    }

    List<String> texts() {
        return lines.stream().map(LogLine::text).toList();
    }

    List<String> texts(String source) {
        return lines.stream().filter(l -> l.source().equals(source)).map(LogLine::text).toList();
    }
}
