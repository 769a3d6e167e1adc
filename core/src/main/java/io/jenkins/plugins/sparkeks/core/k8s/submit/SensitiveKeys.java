package io.jenkins.plugins.sparkeks.core.k8s.submit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides which conf keys and environment variable names carry secrets, so their values never reach a message,
 * a log line or a {@code toString()}.
 */
public final class SensitiveKeys {

    private static final Pattern SENSITIVE = Pattern.compile("(?i).*(secret|password|passwd|token|credential|key).*");
    static final String REDACTED = "*****";

    private SensitiveKeys() {}

    public static boolean isSensitive(String name) {
        return name != null && SENSITIVE.matcher(name).matches();
    }

    /** A copy safe to print: the values of sensitive keys replaced. */
    public static Map<String, String> redacted(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, isSensitive(k) ? REDACTED : v));
        return copy;
    }
}
