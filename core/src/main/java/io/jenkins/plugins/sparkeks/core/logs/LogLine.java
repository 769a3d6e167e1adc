package io.jenkins.plugins.sparkeks.core.logs;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of driver output.
 *
 * @param source    where it came from, e.g. {@code pod}, {@code cloudwatch:stdout}, {@code s3:stderr}
 * @param timestamp when the line was written, when the source says so
 * @param text      the line without its trailing newline
 */
public record LogLine(String source, Instant timestamp, String text) {
    public LogLine {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
