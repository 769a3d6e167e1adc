package io.jenkins.plugins.sparkeks.emulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Every request the emulator received for a known operation, in arrival order. */
final class CallLog {
    private final Clock clock;
    private final List<RecordedCall> calls = new ArrayList<>();

    CallLog(Clock clock) {
        this.clock = clock;
    }

    synchronized void record(Operation operation, String accessKeyId) {
        calls.add(new RecordedCall(operation, accessKeyId, clock.instant()));
    }

    synchronized int count(Operation operation) {
        return (int) calls.stream().filter(c -> c.operation() == operation).count();
    }

    synchronized List<RecordedCall> all() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }
}
