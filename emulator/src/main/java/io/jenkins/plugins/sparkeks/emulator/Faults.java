package io.jenkins.plugins.sparkeks.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Faults to inject, per operation. Counted faults (throttling, 500s, dropped connections) are used up in the order
 * they were added, one per request; added latency stays until {@link #clear()}; a {@link Hold} keeps the next
 * request of an operation in flight until released.
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

    /**
     * One request held in flight: it has reached the emulator and is answered, from the model as it is then, only
     * once released. A test can make something happen while a client's read is in flight (e.g. a detach), without
     * guessing a sleep that would cover it.
     */
    public static final class Hold {
        /** A held request is let go after this at the latest, so a forgotten hold cannot wedge an emulator thread. */
        private static final long LIMIT_SECONDS = 60;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private boolean taken;

        private Hold() {
        }

        /** Waits until a request is held; false when none came within {@code atMost}. */
        public boolean awaitHeld(Duration atMost) throws InterruptedException {
            return held.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        }

        public boolean isHeld() {
            return held.getCount() == 0;
        }

        /** Lets the held request (or the one still to come) be answered. */
        public void release() {
            released.countDown();
        }

        void block() {
            held.countDown();
            try {
                released.await(LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final Map<Operation, Deque<Counted>> counted = new EnumMap<>(Operation.class);
    private final Map<Operation, Duration> latency = new EnumMap<>(Operation.class);
    private final Map<Operation, Hold> holds = new EnumMap<>(Operation.class);

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

    /**
     * The next request of the operation is held before it is answered (after any latency, before counted faults)
     * until the returned hold is released or {@link #clear()} is called; later requests pass.
     */
    public synchronized Hold hold(Operation operation) {
        Objects.requireNonNull(operation, "operation");
        Hold h = new Hold();
        Hold before = holds.put(operation, h);
        if (before != null) {
            before.release();
        }
        return h;
    }

    public synchronized Faults clear() {
        counted.clear();
        latency.clear();
        holds.values().forEach(Hold::release);
        holds.clear();
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

    /**
     * The hold waiting for this operation's next request, marked taken so that only that request waits; it stays
     * listed so that {@link #clear()} can still release it.
     */
    synchronized Optional<Hold> takeHold(Operation operation) {
        Hold h = holds.get(operation);
        if (h == null || h.taken) {
            return Optional.empty();
        }
        h.taken = true;
        return Optional.of(h);
    }

    synchronized Duration latencyOf(Operation operation) {
        return latency.getOrDefault(operation, Duration.ZERO);
    }
}
