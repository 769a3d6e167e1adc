package io.jenkins.plugins.sparkeks.core.k8s.logs;

import java.util.ArrayDeque;
import java.util.List;

/** The last few driver log lines, kept to explain a failure in the result. Thread-safe. */
public final class LogTail {

    private final int capacity;
    private final ArrayDeque<String> lines;

    public LogTail(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
