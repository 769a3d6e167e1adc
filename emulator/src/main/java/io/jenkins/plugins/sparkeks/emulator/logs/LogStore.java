package io.jenkins.plugins.sparkeks.emulator.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CloudWatch Logs' storage: groups of streams of events kept in timestamp order. Not thread-safe on its own; the
 * emulator calls it with its model lock held.
 */
public final class LogStore {
    /** One stored event; {@code sequence} is unique across the store and orders events of equal timestamp. */
    public record StoredEvent(long timestamp, long ingestionTime, String message, long sequence) {
        static final Comparator<StoredEvent> ORDER = Comparator.comparingLong(StoredEvent::timestamp)
                .thenComparingLong(StoredEvent::sequence);
    }

    /** A stream and its events. */
    public static final class Stream {
        private final String name;
        private final long creationTime;
        private final List<StoredEvent> events = new ArrayList<>();

        Stream(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }

        public String name() {
            return name;
        }

        public long creationTime() {
            return creationTime;
        }

        public List<StoredEvent> events() {
            return Collections.unmodifiableList(events);
        }
    }

    /** A group and its streams, sorted by name. */
    public static final class Group {
        private final String name;
        private final TreeMap<String, Stream> streams = new TreeMap<>();

        Group(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public Map<String, Stream> streams() {
            return Collections.unmodifiableMap(streams);
        }
    }

    private final TreeMap<String, Group> groups = new TreeMap<>();
    private long nextSequence = 1;

    public Group createGroup(String name) {
        return groups.computeIfAbsent(name, Group::new);
    }

    /** Creates the stream (and its group) unless it exists; an existing stream keeps its creation time. */
    public Stream createStream(String group, String stream, Instant at) {
        return createGroup(group).streams.computeIfAbsent(stream, n -> new Stream(n, at.toEpochMilli()));
    }

    /** Stores an event where its timestamp puts it, as CloudWatch orders a stream by event time. */
    public void append(String group, String stream, Instant timestamp, Instant ingestion, String message) {
        Stream target = createStream(group, stream, ingestion);
        StoredEvent event = new StoredEvent(timestamp.toEpochMilli(), ingestion.toEpochMilli(), message,
                nextSequence++);
        int at = Collections.binarySearch(target.events, event, StoredEvent.ORDER);
        target.events.add(at < 0 ? -at - 1 : at, event);
    }

    public Optional<Group> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }
}
