package io.jenkins.plugins.sparkeks.steps;

import io.jenkins.plugins.sparkeks.core.job.Validation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a step's {@code key=value} entries (the form {@code withEnv} takes) into an ordered map. A malformed
 * entry is reported by its position, never by its text: the part after a missing {@code =} may be a secret.
 */
final class KeyValueEntries {

    /** A well-formed entry of each such parameter, for the fix text. */
    private static final Map<String, String> EXAMPLES = Map.of(
            "conf", "spark.executor.instances=4",
            "labels", "team=data",
            "annotations", "example.com/owner=data-platform",
            "env", "LOG_LEVEL=INFO",
            "nodeSelector", "karpenter.sh/capacity-type=on-demand",
            "tags", "team=data",
            "jobTemplateParameters", "Day=2026-11-21");

    private KeyValueEntries() {}

    /**
     * The entries as a map in the order given, or null when there are none.
     *
     * @param field the step parameter, named in each error
     */
    static Map<String, String> parse(String field, List<String> entries, Validation v) {
        if (entries == null || entries.isEmpty()) {
            return null;
        }
        String fix = "Write each entry as key=value, e.g. " + EXAMPLES.getOrDefault(field, "name=value") + ".";
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            int position = i + 1;
            String entry = entries.get(i);
            int eq = entry == null ? -1 : entry.indexOf('=');
            if (eq < 0) {
                v.error(field, "entry " + position + " has no '=' between key and value.", fix);
                continue;
            }
            String key = entry.substring(0, eq).strip();
            if (key.isEmpty()) {
                v.error(field, "entry " + position + " has no key before '='.", fix);
            } else if (key.chars().anyMatch(Character::isWhitespace)) {
                v.error(field, "entry " + position + " has a key with white space in it ('" + key + "').", fix);
            } else if (firstSeen.containsKey(key)) {
                v.error(
                        field,
                        "entry " + position + " repeats the key '" + key + "' of entry " + firstSeen.get(key) + ".",
                        "Give each key once.");
            } else {
                firstSeen.put(key, position);
                out.put(key, entry.substring(eq + 1));
            }
        }
        return out;
    }
}
