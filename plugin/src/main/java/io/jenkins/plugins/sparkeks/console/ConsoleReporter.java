package io.jenkins.plugins.sparkeks.console;

import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.core.result.Link;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Writes a job's progress to the build console: driver log lines as they are, everything else as short
 * {@code [spark-on-eks]} lines, links as console hyperlinks. Every line passes the {@link SecretMasker}.
 * Called from the core's shared threads, so it only prints and hands the reference on.
 */
public final class ConsoleReporter implements JobObserver {

    public static final String PREFIX = "[spark-on-eks] ";

    private final TaskListener listener;
    private final SecretMasker masker;
    private final Consumer<JobReference> onSubmitted;
    private final Consumer<SparkSnapshot> onSparkProgress;

    public ConsoleReporter(TaskListener listener, SecretMasker masker, Consumer<JobReference> onSubmitted) {
        this(listener, masker, onSubmitted, s -> {});
    }

    /** As above; {@code onSparkProgress} also hears each Spark progress snapshot (the build page's live row). */
    public ConsoleReporter(
            TaskListener listener,
            SecretMasker masker,
            Consumer<JobReference> onSubmitted,
            Consumer<SparkSnapshot> onSparkProgress) {
        this.listener = listener;
        this.masker = masker;
        this.onSubmitted = onSubmitted;
        this.onSparkProgress = onSparkProgress;
    }

    public void line(String text) {
        logger().println(PREFIX + masker.mask(text));
    }

    @Override
    public void submitted(JobReference reference) {
        line("Submitted " + reference.backend() + " job " + reference.displayId());
        onSubmitted.accept(reference);
    }

    @Override
    public void stateChanged(JobState state, String detail) {
        line(state + (detail == null || detail.isBlank() ? "" : ": " + detail));
    }

    @Override
    public void diagnostic(String text) {
        line(text);
    }

    @Override
    public void sparkProgress(SparkSnapshot snapshot) {
        line(snapshot.progressLine());
        onSparkProgress.accept(snapshot);
    }

    @Override
    public void log(LogLine logLine) {
        logger().println(masker.mask(logLine.text()));
    }

    /** The verdict: state, reason, duration, links, and the lines that explain a failure. */
    public void result(JobResult r) {
        StringBuilder s = new StringBuilder("Spark job ").append(r.state());
        if (r.reason() != null) {
            s.append(" (").append(r.reason()).append(')');
        }
        if (r.exitCode() != null) {
            s.append(", driver exit code ").append(r.exitCode());
        }
        Duration d = r.duration();
        if (d != null) {
            s.append(", ran ").append(format(d));
        }
        if (r.message() != null) {
            s.append(": ").append(r.message());
        }
        line(s.toString());
        for (Link link : r.links()) {
            hyperlink(link);
        }
        SparkInsight spark = r.spark();
        if (spark != null) {
            line((spark.last() == null ? "Spark: not observed" : spark.last().progressLine())
                    + (spark.note() == null ? "" : " (" + spark.note() + ")"));
        }
        if (!r.success()) {
            for (String explanation : r.explanation()) {
                line("  " + explanation);
            }
        }
    }

    private void hyperlink(Link link) {
        // only http(s) links built by the core from ids and regions; anything else is printed as text
        String url = link.url();
        if (!(url.startsWith("https://") || url.startsWith("http://"))) {
            line(link.label() + ": " + url);
            return;
        }
        try {
            logger().print(PREFIX + masker.mask(link.label()) + ": ");
            listener.hyperlink(url, masker.mask(url));
            logger().println();
        } catch (IOException e) {
            line(link.label() + ": " + url);
        }
    }

    private PrintStream logger() {
        return listener.getLogger();
    }

    /** A duration for people: {@code 42 s}, {@code 4 min 12 s}, {@code 1 h 3 min}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
