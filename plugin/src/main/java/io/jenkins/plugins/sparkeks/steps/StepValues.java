package io.jenkins.plugins.sparkeks.steps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises what a Pipeline script hands to a setter: Groovy maps and lists may hold numbers, GStrings or
 * booleans, which are kept as their text; blank strings count as unset.
 */
final class StepValues {

    private StepValues() {}

    static String text(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static List<String> list(Collection<?> in) {
        if (in == null || in.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>(in.size());
        for (Object o : in) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    static Map<String, String> map(Map<?, ?> in) {
        if (in == null || in.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return out;
    }

    static List<Map<String, String>> maps(List<? extends Map<?, ?>> in) {
        if (in == null || in.isEmpty()) {
            return null;
        }
        List<Map<String, String>> out = new ArrayList<>(in.size());
        for (Map<?, ?> m : in) {
            Map<String, String> converted = map(m);
            out.add(converted == null ? Map.of() : converted);
        }
        return out;
    }
}
