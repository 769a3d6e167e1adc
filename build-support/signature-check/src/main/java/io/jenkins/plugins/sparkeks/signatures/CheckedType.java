package io.jenkins.plugins.sparkeks.signatures;

import java.util.List;
import java.util.Map;

/**
 * The outcome for one stand-in type: where its upstream declaration was read, and for each stand-in line whether
 * upstream declares the same line ({@code =}), it is a known difference ({@code ~}) or a mismatch ({@code !}).
 * {@code hints} holds, per mismatched line, the upstream lines of the same member name, to show what differs.
 */
public record CheckedType(String type, String sourceId, String upstreamPath, Map<String, Status> lines,
        Map<String, List<String>> hints) {
    public enum Status {
        EQUAL('='),
        KNOWN('~'),
        MISMATCH('!');

        public final char marker;

        Status(char marker) {
            this.marker = marker;
        }

        public static Status of(char marker) {
            for (Status s : values()) {
                if (s.marker == marker) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no status " + marker);
        }
    }

    public CheckedType {
        lines = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lines));
        hints = Map.copyOf(hints);
    }

    public long count(Status status) {
        return lines.values().stream().filter(s -> s == status).count();
    }
}
