package io.jenkins.plugins.sparkeks.action;

import io.jenkins.plugins.sparkeks.console.ConsoleReporter;
import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.Link;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Spark job of a build as the build page shows it. A plain immutable class rather than a record because
 * build.xml is written by XStream, which rebuilds objects field by field.
 */
public final class SparkJobSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String backend;
    private final String displayId;
    private final String state;
    private final String reason;
    private final String message;
    private final Long durationSeconds;
    private final LinkedHashMap<String, String> links;
    /** Spark insight's last snapshot as one line; null when insight was off (or for rows saved before it existed). */
    private String spark;

    private String sparkCoverage;
    private String sparkNote;
    private String sparkUiAddress;
    private String sparkPortForward;
    private String sparkHistoryUrl;

    private SparkJobSummary(
            String key,
            String backend,
            String displayId,
            String state,
            String reason,
            String message,
            Long durationSeconds,
            Map<String, String> links) {
        this.key = key;
        this.backend = backend;
        this.displayId = displayId;
        this.state = state;
        this.reason = reason;
        this.message = message;
        this.durationSeconds = durationSeconds;
        this.links = new LinkedHashMap<>(links);
    }

    /** A job just submitted: its id and nothing else yet. */
    public static SparkJobSummary submitted(String key, JobReference reference) {
        return new SparkJobSummary(
                key, reference.backend().name(), reference.displayId(), "SUBMITTED", null, null, null, Map.of());
    }

    /** A job with a verdict (or, for {@code wait: false}, its state at submission). */
    public static SparkJobSummary of(String key, JobReference reference, JobResult result) {
        Map<String, String> links = new LinkedHashMap<>();
        for (Link l : result.links()) {
            links.put(l.label(), l.url());
        }
        Duration d = result.duration();
        SparkJobSummary s = new SparkJobSummary(
                key,
                result.backend().name(),
                reference.displayId(),
                result.state().name(),
                result.reason(),
                result.message(),
                d == null ? null : d.toSeconds(),
                links);
        SparkInsight insight = result.spark();
        if (insight != null) {
            s.spark = insight.last() == null
                    ? "Spark: not observed"
                    : insight.last().progressLine();
            s.sparkCoverage = insight.coverage().name();
            s.sparkNote = insight.note();
            s.sparkUiAddress = insight.uiAddress();
            s.sparkPortForward = insight.portForward();
            s.sparkHistoryUrl = insight.historyUrl();
        }
        return s;
    }

    /** Spark's jobs, stages and executors as last seen, e.g. {@code Spark: jobs 3 done, 0 running, 1 failed ...}. */
    public String getSpark() {
        return spark;
    }

    /** {@code COMPLETE} (event log read), {@code PARTIAL} (final seconds not observed) or {@code UNAVAILABLE}. */
    public String getSparkCoverage() {
        return sparkCoverage;
    }

    /** Why Spark insight saw less than everything, in one sentence. */
    public String getSparkNote() {
        return sparkNote;
    }

    /** Where the driver's Spark UI answers after {@link #getSparkPortForward()} (while the driver runs). */
    public String getSparkUiAddress() {
        return sparkUiAddress;
    }

    /** The {@code kubectl port-forward} command that makes the driver's UI reachable on this machine. */
    public String getSparkPortForward() {
        return sparkPortForward;
    }

    /** The persistent Spark UI (EMR on EKS job run page) when one exists; only http(s). */
    public String getSparkHistoryUrl() {
        return sparkHistoryUrl != null && sparkHistoryUrl.startsWith("https://") ? sparkHistoryUrl : null;
    }

    /** Identifies the step that ran the job (hash of its submission key), so a later update replaces this one. */
    public String getKey() {
        return key;
    }

    public String getBackend() {
        return backend;
    }

    public String getDisplayId() {
        return displayId;
    }

    public String getState() {
        return state;
    }

    public String getReason() {
        return reason;
    }

    public String getMessage() {
        return message;
    }

    public Long getDurationSeconds() {
        return durationSeconds;
    }

    /** Label to URL, only http(s) URLs, safe to render as links. */
    public Map<String, String> getLinks() {
        Map<String, String> safe = new LinkedHashMap<>();
        links.forEach((label, url) -> {
            if (url.startsWith("https://") || url.startsWith("http://")) {
                safe.put(label, url);
            }
        });
        return Collections.unmodifiableMap(safe);
    }

    /** Duration for display, e.g. {@code 4 min 12 s}; empty when unknown. */
    public String getDuration() {
        if (durationSeconds == null) {
            return "";
        }
        return ConsoleReporter.format(Duration.ofSeconds(durationSeconds));
    }
}
