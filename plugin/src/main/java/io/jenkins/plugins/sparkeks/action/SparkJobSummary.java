package io.jenkins.plugins.sparkeks.action;

import io.jenkins.plugins.sparkeks.console.ConsoleReporter;
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
        return new SparkJobSummary(
                key,
                result.backend().name(),
                reference.displayId(),
                result.state().name(),
                result.reason(),
                result.message(),
                d == null ? null : d.toSeconds(),
                links);
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
