package io.jenkins.plugins.sparkeks.steps;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Normalises what a setter is handed: blank strings and empty lists count as unset. List entries are copied
 * as text, so a list that reached a {@code List<String>} setter unchecked (erasure) still holds strings.
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

    /** A copy of a list of data-bound objects; empty becomes unset. */
    static <T> List<T> copy(List<T> in) {
        return in == null || in.isEmpty() ? null : new ArrayList<>(in);
    }
}
