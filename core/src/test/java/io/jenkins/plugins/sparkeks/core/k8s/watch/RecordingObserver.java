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
    public final List<String> stateDetails = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(JobState state, String detail) {
        states.add(state);
        stateDetails.add(detail);
    }

    @Override
    public void diagnostic(String line) {
        diagnostics.add(line);
    }

    @Override
    public void log(LogLine line) {
        logLines.add(line);
        logTexts.add(line.text());
    }
}
