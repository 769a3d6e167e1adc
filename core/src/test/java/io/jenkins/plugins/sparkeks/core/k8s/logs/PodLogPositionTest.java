package io.jenkins.plugins.sparkeks.core.k8s.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodLogPositionTest {

    static final Instant T1 = Instant.parse("2026-11-21T10:00:00.100000001Z");
    static final Instant T2 = Instant.parse("2026-11-21T10:00:01Z");

    @Test
    void encodesIntoTheCursorAndBack() {
        PodLogPosition position = new PodLogPosition(T1, 3);
        LogCursor cursor = position.into(LogCursor.START.with("cloudwatch:stdout", "f/123"));
        assertThat(cursor.position("pod")).isEqualTo("2026-11-21T10:00:00.100000001Z|3");
        assertThat(cursor.position("cloudwatch:stdout")).isEqualTo("f/123");
        assertThat(PodLogPosition.from(cursor)).isEqualTo(position);
        assertThat(PodLogPosition.from(LogCursor.START)).isNull();
    }

    @Test
    void rejectsSomethingElse() {
        assertThatThrownBy(() -> PodLogPosition.decode("yesterday|2")).hasMessageContaining("<timestamp>|<count>");
        assertThatThrownBy(() -> PodLogPosition.decode("2026-11-21T10:00:00Z")).hasMessageContaining("<timestamp>|<count>");
        assertThatThrownBy(() -> new PodLogPosition(T1, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void aRepeatedStreamIsSkippedUpToThePositionIncludingLinesSharingItsTimestamp() {
        LinePositionFilter filter = new LinePositionFilter(null);
        List<Instant> first = List.of(T1, T1, T1, T2);
        List<Boolean> admitted = new ArrayList<>();
        filter.newStream();
        first.subList(0, 2).forEach(t -> admitted.add(filter.admit(t)));
        assertThat(admitted).containsOnly(true);
        assertThat(filter.position()).isEqualTo(new PodLogPosition(T1, 2));

        // reconnect: the server repeats from the start of the second
        admitted.clear();
        filter.newStream();
        first.forEach(t -> admitted.add(filter.admit(t)));
        assertThat(admitted).containsExactly(false, false, true, true);
        assertThat(filter.position()).isEqualTo(new PodLogPosition(T2, 1));
    }

    @Test
    void olderLinesOfASecondAreSkippedAndUntimedLinesPassThrough() {
        LinePositionFilter filter = new LinePositionFilter(new PodLogPosition(T1, 1));
        filter.newStream();
        assertThat(filter.admit(T1.minusNanos(1))).isFalse();
        assertThat(filter.admit(T1)).isFalse();
        assertThat(filter.admit(null)).isTrue();
        assertThat(filter.admit(T1)).isTrue();
        assertThat(filter.position()).isEqualTo(new PodLogPosition(T1, 2));
    }

    @Test
    void timestampsAreStrippedFromLines() {
        assertThat(TimestampedLine.parse("2026-11-21T10:00:00.100000001Z INFO SparkContext: Running Spark"))
                .isEqualTo(new TimestampedLine(T1, "INFO SparkContext: Running Spark"));
        assertThat(TimestampedLine.parse("2026-11-21T10:00:01Z ")).isEqualTo(new TimestampedLine(T2, ""));
        assertThat(TimestampedLine.parse("no timestamp here")).isEqualTo(new TimestampedLine(null, "no timestamp here"));
        assertThat(TimestampedLine.parse("2026-11-21Tgarbage-xx text")).isEqualTo(new TimestampedLine(null, "2026-11-21Tgarbage-xx text"));
    }

    @Test
    void bytesBecomeLinesOnlyOnceTheirNewlineArrived() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);
        byte[] bytes = "one\r\ntw".getBytes();
        splitter.write(bytes, 0, bytes.length);
        assertThat(lines).containsExactly("one");
        byte[] rest = "o\nth\u00e9\nfour".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        splitter.write(rest, 0, rest.length);
        assertThat(lines).containsExactly("one", "two", "th\u00e9");
        splitter.flushPartialLine();
        assertThat(lines).containsExactly("one", "two", "th\u00e9", "four");
    }
}
