package io.jenkins.plugins.sparkeks.core.insight;

import java.io.Serializable;
import java.util.Map;

/**
 * What the application's Spark conf tells insight before anything is read: whether the driver serves a UI at all
 * and where it writes its event log.
 *
 * @param uiEnabled   false when {@code spark.ui.enabled=false}: there is no REST API to read
 * @param eventLogDir {@code spark.eventLog.dir} when {@code spark.eventLog.enabled=true} and the directory was set;
 *                    null otherwise (Spark's default directory is inside the driver pod, out of reach)
 * @param eventLogNote why there is no event log to read, when {@code eventLogDir} is null
 */
public record SparkConfHints(boolean uiEnabled, String eventLogDir, String eventLogNote) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Nothing known (a job resumed without its request): try the UI, expect no event log. */
    public static final SparkConfHints UNKNOWN =
            new SparkConfHints(true, null, "the application's spark.eventLog settings are not known here");

    public static SparkConfHints of(Map<String, String> conf) {
        if (conf == null) {
            return UNKNOWN;
        }
        boolean ui = !"false".equalsIgnoreCase(trim(conf.get("spark.ui.enabled")));
        if (!"true".equalsIgnoreCase(trim(conf.get("spark.eventLog.enabled")))) {
            return new SparkConfHints(ui, null, "the application writes no event log (spark.eventLog.enabled is not true)");
        }
        String dir = trim(conf.get("spark.eventLog.dir"));
        if (dir == null || dir.isEmpty()) {
            return new SparkConfHints(ui, null,
                    "the event log goes to Spark's default directory inside the driver pod (spark.eventLog.dir is not set)");
        }
        return new SparkConfHints(ui, dir, null);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
