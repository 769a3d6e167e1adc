package io.jenkins.plugins.sparkeks.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}, {@code 500ms}, a plain number of seconds, or ISO-8601 {@code PT15M}. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
    /** Longer waits are typing mistakes; leaving the option out means no limit. */
    static final Duration LONGEST = Duration.ofDays(366);

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            if (m.group(1).length() > 12) {
                throw tooLong(value);
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
            return positive(d, value);
        }
        Duration iso;
        try {
            iso = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 90s, 15m, 2h or PT15M");
        }
        return positive(iso, value);
    }

    private static Duration positive(Duration d, String value) {
        if (d.isZero() || d.isNegative()) {
            throw new TypeConversionException("'" + value + "' must be longer than zero");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw tooLong(value);
        }
        return d;
    }

    private static TypeConversionException tooLong(String value) {
        return new TypeConversionException("'" + value + "' is longer than " + LONGEST.toDays()
                + "d; leave the option out for no limit");
    }
}
