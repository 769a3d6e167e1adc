package io.jenkins.plugins.sparkeks.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Field-by-field difference of two JSON trees, as readable lines ({@code path: spark=... ours=...}). */
final class ObjectDiff {

    private ObjectDiff() {}

    static List<String> between(JsonNode spark, JsonNode ours) {
        Map<String, String> a = flatten(spark);
        Map<String, String> b = flatten(ours);
        List<String> out = new ArrayList<>();
        for (String path : new TreeSet<String>() {{ addAll(a.keySet()); addAll(b.keySet()); }}) {
            if (!Objects.equals(a.get(path), b.get(path))) {
                out.add(path + ": spark=" + a.get(path) + " ours=" + b.get(path));
            }
        }
        return out;
    }

    /** Every leaf by its path, e.g. {@code spec.containers[0].env[2].name}. */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                out.put(path, "{}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.put(path, "[]");
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path, node.isNull() ? "null" : node.asText());
        }
    }
}
