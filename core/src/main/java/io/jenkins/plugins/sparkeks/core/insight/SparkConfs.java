package io.jenkins.plugins.sparkeks.core.insight;

import io.jenkins.plugins.sparkeks.core.emr.EmrConfiguration;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobDriver;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Spark conf insight needs from each backend's request. */
public final class SparkConfs {

    private SparkConfs() {}

    /**
     * An EMR job run's Spark conf: the {@code spark-defaults} classification, then {@code --conf} in the spark-submit
     * parameters (which win, as with spark-submit).
     */
    public static Map<String, String> of(EmrJobRequest request) {
        Map<String, String> conf = new LinkedHashMap<>();
        defaults(request.applicationConfiguration(), conf);
        if (request.jobDriver() instanceof EmrJobDriver.SparkSubmit s && s.sparkSubmitParameters() != null) {
            String[] words = s.sparkSubmitParameters().trim().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                String kv = null;
                if (words[i].equals("--conf") && i + 1 < words.length) {
                    kv = words[++i];
                } else if (words[i].startsWith("--conf=")) {
                    kv = words[i].substring("--conf=".length());
                }
                int eq = kv == null ? -1 : kv.indexOf('=');
                if (eq > 0) {
                    conf.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return conf;
    }

    private static void defaults(List<EmrConfiguration> configurations, Map<String, String> into) {
        for (EmrConfiguration c : configurations == null ? List.<EmrConfiguration>of() : configurations) {
            if ("spark-defaults".equals(c.classification()) && c.properties() != null) {
                into.putAll(c.properties());
            }
        }
    }
}
