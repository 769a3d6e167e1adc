package io.jenkins.plugins.sparkeks.core.logs;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far the driver log has been delivered, per source, so that a resumed follower continues where the
 * previous one stopped without repeating or losing lines. Each source encodes its own position as a
 * string (a pod log timestamp and count, a CloudWatch forward token, an S3 line number), which keeps the
 * cursor small, secret-free and trivially serialisable by any front end.
 */
public record LogCursor(Map<String, String> positions) implements Serializable {

    public static final LogCursor START = new LogCursor(Map.of());

    public LogCursor {
        Objects.requireNonNull(positions, "positions");
        positions = Collections.unmodifiableMap(new TreeMap<>(positions));
    }

    /** The stored position of a source, or null when nothing of it was delivered yet. */
    public String position(String source) {
        return positions.get(source);
    }

    public LogCursor with(String source, String position) {
        Map<String, String> copy = new TreeMap<>(positions);
        if (position == null) {
            copy.remove(source);
        } else {
            copy.put(source, position);
        }
        return new LogCursor(copy);
    }
}
