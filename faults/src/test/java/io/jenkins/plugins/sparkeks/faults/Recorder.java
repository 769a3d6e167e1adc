package io.jenkins.plugins.sparkeks.faults;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What one front end saw: the driver's lines and the diagnostics. */
final class Recorder implements JobObserver {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private final String source;

    /** @param source only lines of this source prefix count (e.g. {@code cloudwatch:stdout}); null = all */
    Recorder(String source) {
        this.source = source;
    }

    @Override
    public void diagnostic(String line) {
        diagnostics.add(line);
    }

    @Override
    public void log(LogLine line) {
        if (source == null || line.source().startsWith(source)) {
            lines.add(line.text());
        }
    }
}
