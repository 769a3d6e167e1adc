package io.jenkins.plugins.sparkeks.core.k8s.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the kubelet's log timestamp, {@code 2006-01-02T15:04:05.999999999Z} (UTC, 0 to 9 fraction digits),
 * without {@link java.time.format.DateTimeFormatter}: the formatter builds a parse context and field map for
 * every line and was most of the cost of catching up a long log. Only that exact shape is read here; anything
 * else (an offset, a leap second, a malformed field) is left to {@link Instant#parse}, so the result is always
 * what {@code Instant.parse} gives.
 */
final class KubeletTimestamp {

    private KubeletTimestamp() {}

    /** The instant written in {@code text[start, end)}, or null when it is not in the kubelet's exact shape. */
    static Instant parseFast(CharSequence text, int start, int end) {
        int length = end - start;
        if (length < 20 || length > 30 || text.charAt(end - 1) != 'Z'
                || text.charAt(start + 4) != '-' || text.charAt(start + 7) != '-' || text.charAt(start + 10) != 'T'
                || text.charAt(start + 13) != ':' || text.charAt(start + 16) != ':') {
            return null;
        }
        int year = digits(text, start, 4);
        int month = digits(text, start + 5, 2);
        int day = digits(text, start + 8, 2);
        int hour = digits(text, start + 11, 2);
        int minute = digits(text, start + 14, 2);
        int second = digits(text, start + 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(start + 19) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(text, start + 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The non-negative number in {@code count} decimal digits from {@code at}, or -1 when one is not a digit. */
    private static int digits(CharSequence text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
