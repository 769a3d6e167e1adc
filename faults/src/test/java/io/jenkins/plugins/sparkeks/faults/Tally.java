package io.jenkins.plugins.sparkeks.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The suite's counters, summed over every scenario, and its one-line summary. */
final class Tally {

    static final AtomicInteger FAULTS = new AtomicInteger();
    static final AtomicInteger SURVIVED = new AtomicInteger();
    static final AtomicInteger LINES_LOST = new AtomicInteger();
    static final AtomicInteger LINES_DUPLICATED = new AtomicInteger();
    static final AtomicInteger RUNS_STARTED = new AtomicInteger();
    static final AtomicInteger JOBS = new AtomicInteger();
    static final AtomicLong STARTED = new AtomicLong(System.nanoTime());

    private Tally() {}

    /** Lines expected but never delivered. */
    static int lost(List<String> expected, List<String> delivered) {
        return (int) expected.stream().filter(l -> !delivered.contains(l)).count();
    }

    /** Deliveries beyond the first of each line. */
    static int duplicated(List<String> delivered) {
        return delivered.size() - (int) delivered.stream().distinct().count();
    }

    static String summary() {
        return "FAULT SUITE: faults injected " + FAULTS.get() + ", survived " + SURVIVED.get() + ", lines lost "
                + LINES_LOST.get() + ", duplicated " + LINES_DUPLICATED.get() + ", runs started " + RUNS_STARTED.get()
                + " for " + JOBS.get() + " jobs, " + Duration.ofNanos(System.nanoTime() - STARTED.get()).toSeconds() + " s";
    }
}
