package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static io.jenkins.plugins.sparkeks.core.k8s.submit.SparkConfKeys.*;

import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Spark configuration as spark-submit holds it just before it builds the driver: the user's {@code --conf}
 * pairs overlaid with what the dedicated flags set ({@code --name}, {@code --driver-memory}, {@code --jars}, ...),
 * as spark-submit's option assigners do (a flag wins over a {@code --conf} of the same key).
 *
 * @param values key to value, in insertion order
 */
record SubmitConf(Map<String, String> values) {

    SubmitConf {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param image          the image to use when neither the request nor its conf names one
     * @param apiServerUrl   the API server the driver is submitted to (for {@code spark.master})
     * @param submitTimeMillis {@code spark.app.submitTime}
     * @param submissionKeyLabel value of our submission-key label
     */
    static SubmitConf resolve(
            SparkSubmitRequest r, String image, String apiServerUrl, long submitTimeMillis, String submissionKeyLabel) {
        Map<String, String> c = new LinkedHashMap<>(r.conf());
        AppResourceType type = AppResourceType.of(r.primaryResource());

        c.put(MASTER, "k8s://" + stripTrailingSlash(apiServerUrl));
        c.put(DEPLOY_MODE, "cluster");
        c.put(APP_NAME, r.appName());
        c.put(NAMESPACE, r.namespace());
        if (r.image() != null || !c.containsKey(CONTAINER_IMAGE)) {
            c.put(CONTAINER_IMAGE, r.image() != null ? r.image() : image);
        }
        putIfSet(c, DRIVER_CORES, r.driverCores());
        putIfSet(c, DRIVER_MEMORY, r.driverMemory());
        putIfSet(c, DRIVER_MEMORY_OVERHEAD, r.driverMemoryOverhead());
        putIfSet(c, EXECUTOR_CORES, r.executorCores());
        putIfSet(c, EXECUTOR_MEMORY, r.executorMemory());
        putIfSet(c, EXECUTOR_MEMORY_OVERHEAD, r.executorMemoryOverhead());
        putIfSet(c, EXECUTOR_INSTANCES, r.executorInstances());
        putIfSet(c, DRIVER_SERVICE_ACCOUNT, r.serviceAccount());
        putIfSet(c, PULL_POLICY, r.imagePullPolicy());
        if (!r.imagePullSecrets().isEmpty()) {
            c.put(PULL_SECRETS, String.join(",", r.imagePullSecrets()));
        }
        r.labels().forEach((k, v) -> {
            c.put(DRIVER_LABEL_PREFIX + k, v);
            c.put(EXECUTOR_LABEL_PREFIX + k, v);
        });
        r.annotations().forEach((k, v) -> {
            c.put(DRIVER_ANNOTATION_PREFIX + k, v);
            c.put(EXECUTOR_ANNOTATION_PREFIX + k, v);
        });
        r.env().forEach((k, v) -> {
            c.put(DRIVER_ENV_PREFIX + k, v);
            c.put(EXECUTOR_ENV_PREFIX + k, v);
        });
        r.nodeSelector().forEach((k, v) -> c.put(NODE_SELECTOR_PREFIX + k, v));
        // ours ride on Spark's own driver-label mechanism, so the Service selects on them too, as it would
        // had the user passed them with --conf
        c.put(DRIVER_LABEL_PREFIX + SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE);
        c.put(DRIVER_LABEL_PREFIX + SparkLabels.SUBMISSION_KEY, submissionKeyLabel);

        // as spark-submit: the flag wins over the conf key, and either is read as Spark reads a list (trimmed,
        // empty entries dropped) and written back joined by commas
        putList(c, FILES, r.files());
        putList(c, ARCHIVES, List.of());
        List<String> jars = new ArrayList<>(r.jars().isEmpty() ? split(c.get(JARS)) : normalised(r.jars()));
        if (type == AppResourceType.JAVA) {
            jars.add(r.primaryResource());
        }
        if (!jars.isEmpty() || c.containsKey(JARS)) {
            c.put(JARS, String.join(",", jars));
        }
        c.put(PY_FILES, String.join(",", r.pyFiles().isEmpty() ? split(c.get(PY_FILES)) : normalised(r.pyFiles())));
        // spark-submit drops a user's driver host in cluster mode; the driver Service decides it
        c.remove(DRIVER_HOST);
        c.put(SUBMIT_TIME, Long.toString(submitTimeMillis));
        return new SubmitConf(c);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** Entries under {@code prefix}, with the prefix cut off (Spark's {@code getAllWithPrefix}). */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    int getInt(String key, int defaultValue) {
        String v = values.get(key);
        return v == null ? defaultValue : Integer.parseInt(v.trim());
    }

    /** Entries trimmed, empty ones dropped: Spark's {@code Utils.stringToSeq} applied to a list. */
    static List<String> normalised(List<String> entries) {
        return entries.stream().filter(e -> e != null).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The field's entries when there are any, else the conf value's, normalised; nothing when neither is set. */
    private static void putList(Map<String, String> c, String key, List<String> field) {
        List<String> entries = field.isEmpty() ? split(c.get(key)) : normalised(field);
        if (!entries.isEmpty()) {
            c.put(key, String.join(",", entries));
        } else if (c.containsKey(key)) {
            c.put(key, "");
        }
    }

    /** Spark's {@code Utils.stringToSeq}: split on commas, trim, drop empty entries. */
    static List<String> split(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void putIfSet(Map<String, String> c, String key, Object value) {
        if (value != null) {
            c.put(key, value.toString());
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
