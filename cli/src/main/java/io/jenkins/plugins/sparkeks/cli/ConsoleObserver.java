package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.concurrent.atomic.AtomicReference;

/** Turns what the core reports into terminal output, and remembers the newest reference for Ctrl-C and --detach. */
final class ConsoleObserver implements JobObserver {

    private final Terminal terminal;
    private final ReferenceCodec codec;
    private final AtomicReference<JobReference> reference = new AtomicReference<>();

    ConsoleObserver(Terminal terminal, ReferenceCodec codec) {
        this.terminal = terminal;
        this.codec = codec;
    }

    @Override
    public void submitted(JobReference ref) {
        reference.set(ref);
        terminal.info("Submitted " + ref.backend() + " job " + ref.displayId());
        terminal.info("Reference: " + codec.encode(ref));
    }

    @Override
    public void stateChanged(JobState state, String detail) {
        terminal.state(state, detail);
    }

    @Override
    public void diagnostic(String line) {
        terminal.diagnostic(line);
    }

    @Override
    public void sparkProgress(SparkSnapshot snapshot) {
        terminal.sparkProgress(snapshot.progressLine());
    }

    @Override
    public void log(LogLine line) {
        terminal.driverLog(line.text());
    }

    JobReference reference() {
        return reference.get();
    }
}
