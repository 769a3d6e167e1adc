package io.jenkins.plugins.sparkeks.secrets;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces known secret values wherever they appear in a text. Unlike the console's pattern-based masker it
 * knows the exact values, so it also catches a secret the driver prints under a harmless-looking name.
 *
 * @param values the secrets, longest first so that a secret containing another is replaced whole
 */
public record ValueMask(List<String> values) {

    public static final String MASK = "****";
    public static final ValueMask NONE = new ValueMask(List.of());

    public static ValueMask of(Collection<String> secrets) {
        return new ValueMask(secrets.stream()
                .filter(s -> s != null && !s.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
    }

    public ValueMask {
        values = List.copyOf(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean revealedIn(String text) {
        return text != null && values.stream().anyMatch(text::contains);
    }

    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return "ValueMask[" + values.size() + " values]";
    }
}
