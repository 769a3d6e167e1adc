package io.jenkins.plugins.sparkeks.core.k8s.logs;

import java.time.Instant;

/**
 * Decides, line by line, whether a line of a (re)opened log stream is new. A stream restarted with
 * {@code sinceTime} repeats lines up to the stored position; those are recognised by their timestamp and
 * by counting lines that share the last delivered timestamp. Not thread-safe: the follower serialises calls.
 */
final class LinePositionFilter {

    private PodLogPosition position;
    /** Lines carrying {@code position.timestamp()} seen in the current stream. */
    private long seenAtPositionInStream;

    LinePositionFilter(PodLogPosition start) {
        this.position = start;
    }

    /** A new stream starts: it will repeat lines from its {@code sinceTime} on. */
    void newStream() {
        seenAtPositionInStream = 0;
    }

    /** True when the line was not delivered before; the position then moves past it. */
    boolean admit(Instant timestamp) {
        if (timestamp == null) {
            // Without a timestamp the line cannot be placed: deliver it rather than lose it.
            return true;
        }
        if (position == null || timestamp.isAfter(position.timestamp())) {
            position = new PodLogPosition(timestamp, 1);
            seenAtPositionInStream = 1;
            return true;
        }
        if (timestamp.equals(position.timestamp())) {
            seenAtPositionInStream++;
            if (seenAtPositionInStream > position.linesAtTimestamp()) {
                position = new PodLogPosition(timestamp, seenAtPositionInStream);
                return true;
            }
        }
        return false;
    }

    PodLogPosition position() {
        return position;
    }
}
