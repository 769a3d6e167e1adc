package io.jenkins.plugins.sparkeks.core.k8s.logs;

import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * How far a pod log was delivered: the kubelet timestamp of the last delivered line and how many lines
 * carrying exactly that timestamp were delivered. Kubernetes can only restart a log from a time
 * ({@code sinceTime}), and several lines may share one timestamp, so the count is what makes a reconnect
 * skip exactly the lines already seen.
 *
 * @param timestamp       timestamp of the last delivered line
 * @param linesAtTimestamp how many delivered lines carry {@code timestamp} (at least 1)
 */
public record PodLogPosition(Instant timestamp, long linesAtTimestamp) {

    /** The {@link LogCursor} source name under which driver pod logs keep their position. */
    public static final String SOURCE = "pod";

    public PodLogPosition {
        Objects.requireNonNull(timestamp, "timestamp");
        if (linesAtTimestamp < 1) {
            throw new IllegalArgumentException("linesAtTimestamp must be at least 1, was " + linesAtTimestamp);
        }
    }

    /** {@code <ISO-8601 instant>|<count>}, e.g. {@code 2024-05-01T10:00:00.123456789Z|2}. */
    public String encode() {
        return timestamp + "|" + linesAtTimestamp;
    }

    /** The position stored in {@code cursor} under {@link #SOURCE}, or null when nothing was delivered yet. */
    public static PodLogPosition from(LogCursor cursor) {
        return cursor == null ? null : decode(cursor.position(SOURCE));
    }

    public LogCursor into(LogCursor cursor) {
        return (cursor == null ? LogCursor.START : cursor).with(SOURCE, encode());
    }

    /** Reads {@link #encode()}'s form; null stays null. */
    public static PodLogPosition decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return null;
        }
        int bar = encoded.lastIndexOf('|');
        if (bar <= 0) {
            throw new IllegalArgumentException("Not a pod log position (expected <timestamp>|<count>): " + encoded);
        }
        try {
            return new PodLogPosition(Instant.parse(encoded.substring(0, bar)), Long.parseLong(encoded.substring(bar + 1)));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("Not a pod log position (expected <timestamp>|<count>): " + encoded, e);
        }
    }
}
