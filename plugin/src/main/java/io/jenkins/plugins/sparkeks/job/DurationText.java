package io.jenkins.plugins.sparkeks.job;

import io.jenkins.plugins.sparkeks.core.job.Validation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as pipeline authors write them: {@code 90s}, {@code 15m}, {@code 2h}, {@code 1h30m}, a bare number
 * of minutes ({@code 45}), or ISO-8601 ({@code PT15M}). Blank means "no limit".
 */
public final class DurationText {

    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");
    private static final Pattern MINUTES = Pattern.compile("\\d+");

    private DurationText() {}

    /** The duration, or null for blank; a malformed or non-positive value is recorded on {@code v} under {@code field}. */
    public static Duration parse(String text, String field, Validation v) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Duration d = parseOrNull(text.trim().toLowerCase(Locale.ROOT));
        if (d == null || d.isZero() || d.isNegative()) {
            v.error(
                    field,
                    "'" + text + "' is not a positive duration.",
                    "Write it like 90s, 15m, 2h, 1h30m or a number of minutes.");
            return null;
        }
        return d;
    }

    private static Duration parseOrNull(String s) {
        if (MINUTES.matcher(s).matches()) {
            return Duration.ofMinutes(Long.parseLong(s));
        }
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = UNITS.matcher(s);
        if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null)) {
            return null;
        }
        return Duration.ofHours(number(m.group(1)))
                .plusMinutes(number(m.group(2)))
                .plusSeconds(number(m.group(3)));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
