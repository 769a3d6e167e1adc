package io.jenkins.plugins.sparkeks.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults to inject, per operation. Counted faults (throttling, 500s, dropped connections) are used up in the order
 * they were added, one per request; added latency stays until {@link #clear()}.
 */
public final class Faults {
    /** What the emulator does instead of answering. */
    public enum Kind {
        /** The service's own throttling error, which the SDK's retry classifies as throttling. */
        THROTTLE,
        /** HTTP 500 with the service's internal-error code. */
        SERVER_ERROR,
        /** Close the connection without writing any response. */
        DROP_CONNECTION
    }

    private record Counted(Kind kind, int remaining) {
    }

    private final Map<Operation, Deque<Counted>> counted = new EnumMap<>(Operation.class);
    private final Map<Operation, Duration> latency = new EnumMap<>(Operation.class);

    Faults() {
    }

    public Faults throttle(Operation operation, int times) {
        return add(operation, Kind.THROTTLE, times);
    }

    public Faults serverError(Operation operation, int times) {
        return add(operation, Kind.SERVER_ERROR, times);
    }

    public Faults dropConnection(Operation operation, int times) {
        return add(operation, Kind.DROP_CONNECTION, times);
    }

    /** Every later request for the operation is answered only after this much wall-clock time. */
    public synchronized Faults latency(Operation operation, Duration delay) {
        Objects.requireNonNull(operation, "operation");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + delay);
        }
        latency.put(operation, delay);
        return this;
    }

    public synchronized Faults clear() {
        counted.clear();
        latency.clear();
        return this;
    }

    /** Faults of this operation not yet used up. */
    public synchronized int pending(Operation operation) {
        Deque<Counted> queue = counted.get(operation);
        return queue == null ? 0 : queue.stream().mapToInt(Counted::remaining).sum();
    }

    private synchronized Faults add(Operation operation, Kind kind, int times) {
        Objects.requireNonNull(operation, "operation");
        if (times < 1) {
            throw new IllegalArgumentException(kind + " fault count must be at least 1, was " + times);
        }
        counted.computeIfAbsent(operation, op -> new ArrayDeque<>()).addLast(new Counted(kind, times));
        return this;
    }

    synchronized Optional<Kind> take(Operation operation) {
        Deque<Counted> queue = counted.get(operation);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Counted head = queue.removeFirst();
        if (head.remaining() > 1) {
            queue.addFirst(new Counted(head.kind(), head.remaining() - 1));
        }
        return Optional.of(head.kind());
    }

    synchronized Duration latencyOf(Operation operation) {
        return latency.getOrDefault(operation, Duration.ZERO);
    }
}
