package io.jenkins.plugins.sparkeks.sandbox;

import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a console shows of a run: state changes, diagnostics, Spark progress lines and the driver log (optionally
 * without Spark's INFO lines, which a real driver writes by the hundred).
 */
final class Console implements JobObserver {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> progress = new CopyOnWriteArrayList<>();
    volatile JobReference reference;
    private final boolean sparkInfo;

    /** A console showing every driver log line. */
    Console() {
        this(true);
    }

    Console(boolean sparkInfo) {
        this.sparkInfo = sparkInfo;
    }

    void line(String s) {
        lines.add(s);
    }

    String text() {
        return String.join("\n", lines);
    }

    @Override
    public void stateChanged(JobState state, String detail) {
        line("[state] " + state + ": " + detail);
    }

    @Override
    public void diagnostic(String line) {
        line("[diag] " + line);
    }

    @Override
    public void sparkProgress(SparkSnapshot snapshot) {
        progress.add(snapshot.progressLine());
        line("[spark] " + snapshot.progressLine());
    }

    @Override
    public void log(LogLine line) {
        if (sparkInfo || !line.text().contains(" INFO ")) {
            line("[log] " + line.text());
        }
    }
}
