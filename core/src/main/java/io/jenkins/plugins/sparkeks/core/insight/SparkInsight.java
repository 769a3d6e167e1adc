package io.jenkins.plugins.sparkeks.core.insight;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What insight learned about the Spark application of one job, kept in the job's result.
 *
 * @param coverage         how much of the application was seen
 * @param last             the newest snapshot (final when {@code coverage} is {@link Coverage#COMPLETE}); null if none
 * @param note             why coverage is not complete, in one sentence; null when complete
 * @param uiAddress        where a person reaches the driver's Spark UI after {@code portForward}; null if unknown
 * @param portForward      the {@code kubectl port-forward} command for the driver's UI port; null if unknown
 * @param historyUrl       a persistent Spark UI / History Server page for the application, where one exists
 */
public record SparkInsight(
        Coverage coverage, SparkSnapshot last, String note, String uiAddress, String portForward, String historyUrl)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How much of the application insight saw. */
    public enum Coverage {
        /** Every job's outcome is known: read from the event log after the driver ended. */
        COMPLETE,
        /** Read live while the driver ran; what happened after the last read (the final seconds) was not observed. */
        PARTIAL,
        /** Nothing could be read; {@link #note()} says why. */
        UNAVAILABLE
    }

    /** Spark jobs that failed as far as known; 0 without a snapshot. */
    public int failedJobs() {
        return last == null ? 0 : last.jobsFailed();
    }

    public SparkInsight withLinks(String ui, String forward, String history) {
        return new SparkInsight(coverage, last, note, ui, forward, history);
    }

    /** Plain values with stable keys: the {@code spark} entry of the result map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("coverage", coverage.name());
        m.put("finalSecondsObserved", coverage == Coverage.COMPLETE);
        if (note != null) {
            m.put("note", note);
        }
        if (last != null) {
            m.putAll(last.toMap());
        }
        if (uiAddress != null) {
            m.put("uiAddress", uiAddress);
        }
        if (portForward != null) {
            m.put("portForward", portForward);
        }
        if (historyUrl != null) {
            m.put("historyUrl", historyUrl);
        }
        return m;
    }
}
