package io.jenkins.plugins.sparkeks.core.k8s.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One line as the API server sends it with {@code timestamps=true}: an RFC 3339 timestamp with
 * nanoseconds, one space, then the text the container wrote.
 *
 * @param timestamp the kubelet's timestamp, or null when the line carries none
 * @param text      the line without the timestamp prefix
 */
record TimestampedLine(Instant timestamp, String text) {

    static TimestampedLine parse(String raw) {
        int space = raw.indexOf(' ');
        int headEnd = space < 0 ? raw.length() : space;
        String text = space < 0 ? "" : raw.substring(space + 1);
        Instant fast = KubeletTimestamp.parseFast(raw, 0, headEnd);
        if (fast != null) {
            return new TimestampedLine(fast, text);
        }
        // A timestamp is at least "2006-01-02T15:04:05Z": anything shorter is plain text.
        if (headEnd >= 20 && raw.charAt(4) == '-' && raw.charAt(10) == 'T') {
            try {
                return new TimestampedLine(Instant.parse(raw.substring(0, headEnd)), text);
            } catch (DateTimeParseException e) {
                // not a timestamp after all: deliver the line unchanged
            }
        }
        return new TimestampedLine(null, raw);
    }
}
