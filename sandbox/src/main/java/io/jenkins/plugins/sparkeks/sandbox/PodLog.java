package io.jenkins.plugins.sparkeks.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The log of one simulated driver container: lines with their timestamps, growing until the container ends. */
final class PodLog {

    /**
     * One line. The kubelet stores each line's timestamp as text in the container's log file, so a log request costs
     * it no formatting; {@code stamp} keeps that text once, so the sandbox's log endpoint does not charge a reader
     * for formatting a timestamp per line per request.
     */
    record Entry(Instant timestamp, String text, String stamp) {
        Entry(Instant timestamp, String text) {
            this(timestamp, text, timestamp.toString());
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private boolean started;
    private boolean finished;

    synchronized void start() {
        started = true;
        notifyAll();
    }

    synchronized void append(Instant timestamp, String text) {
        entries.add(new Entry(timestamp, text));
        notifyAll();
    }

    synchronized void finish() {
        started = true;
        finished = true;
        notifyAll();
    }

    synchronized boolean started() {
        return started;
    }

    /**
     * Entries from index {@code from} on; waits up to {@code waitMillis} when there are none yet and the
     * container has not ended. An empty list with {@link #finishedAt(int)} true means the stream is over.
     */
    synchronized List<Entry> after(int from, long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (entries.size() <= from && !finished) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return from >= entries.size() ? List.of() : new ArrayList<>(entries.subList(from, entries.size()));
    }

    synchronized boolean finishedAt(int delivered) {
        return finished && delivered >= entries.size();
    }
}
