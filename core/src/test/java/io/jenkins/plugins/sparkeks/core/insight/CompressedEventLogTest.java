package io.jenkins.plugins.sparkeks.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import com.ning.compress.lzf.LZFOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jpountz.lz4.LZ4BlockOutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xerial.snappy.SnappyOutputStream;

/** Event logs compressed as Spark's CompressionCodec compresses them, with the same libraries and settings. */
class CompressedEventLogTest {

    final EventLogReader reader = new EventLogReader(List.of(new LocalEventLogs()));

    /** What Spark's codec of that short name wraps the log's output stream in (Spark 3.5/4.0 defaults). */
    static OutputStream sparkCodec(String shortName, OutputStream out) throws IOException {
        return switch (shortName) {
            case "lz4" -> new LZ4BlockOutputStream(out, 32 * 1024, LZ4Factory.fastestInstance().fastCompressor(),
                    XXHashFactory.fastestInstance().newStreamingHash32(0x9747b28c).asChecksum(), false);
            case "lzf" -> new LZFOutputStream(out).setFinishBlockOnFlush(true);
            case "snappy" -> new SnappyOutputStream(out, 32 * 1024);
            case "zstd" -> new ZstdOutputStream(out, 1);
            default -> throw new IllegalArgumentException(shortName);
        };
    }

    /** Spark's event logger writes one JSON line per event and flushes after each. */
    static byte[] compressed(String codec, List<String> lines, boolean close) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter w = new PrintWriter(sparkCodec(codec, bytes), false, StandardCharsets.UTF_8);
        for (String line : lines) {
            w.println(line);
            w.flush();
        }
        if (close) {
            w.close();
        }
        return bytes.toByteArray();
    }

    static List<String> events() {
        return EventLogs.twoJobsSecondFails().lines().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "lzf", "snappy", "zstd"})
    void readsASingleFileLogCompressedWithEachSparkCodec(String codec, @TempDir Path dir) throws Exception {
        Files.write(dir.resolve(FakeSparkUi.APP_ID + "." + codec), compressed(codec, events(), true));
        SparkSnapshot s = reader.read(dir.toString(), FakeSparkUi.APP_ID, EventLogReaderTest.NOW);
        assertThat(List.of(s.jobsSucceeded(), s.jobsRunning(), s.jobsFailed())).containsExactly(1, 0, 1);
        assertThat(List.of(s.stagesCompleted(), s.stagesFailed())).containsExactly(1, 1);
        assertThat(s.failure().description()).isEqualTo("final write");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "lzf", "snappy", "zstd"})
    void readsTheRollingLayoutCompressedWithEachSparkCodec(String codec, @TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("eventlog_v2_" + FakeSparkUi.APP_ID));
        List<String> lines = events();
        Files.write(folder.resolve("events_1_" + FakeSparkUi.APP_ID + "." + codec),
                compressed(codec, lines.subList(0, 9), true));
        Files.write(folder.resolve("events_2_" + FakeSparkUi.APP_ID + "." + codec),
                compressed(codec, lines.subList(9, lines.size()), true));
        Files.writeString(folder.resolve("appstatus_" + FakeSparkUi.APP_ID), "");
        SparkSnapshot s = reader.read(dir.toString(), FakeSparkUi.APP_ID, EventLogReaderTest.NOW);
        assertThat(List.of(s.jobsSucceeded(), s.jobsFailed())).containsExactly(1, 1);
        assertThat(s.failure().stageId()).isEqualTo(1);
    }

    @Test
    void aDriverKilledMidWriteLeavesACutStreamWhoseEarlierEventsStillCount(@TempDir Path dir) throws Exception {
        byte[] whole = compressed("zstd", events(), false);
        byte[] cut = Arrays.copyOf(whole, whole.length - 5);
        Files.write(dir.resolve(FakeSparkUi.APP_ID + ".zstd.inprogress"), cut);
        SparkSnapshot s = reader.read(dir.toString(), FakeSparkUi.APP_ID, EventLogReaderTest.NOW);
        assertThat(s.jobsSucceeded()).isEqualTo(1);
        assertThat(s.jobsFailed()).as("job 1's end was written before the last (cut) event").isEqualTo(1);
    }

    @Test
    void aCompletedLogThatIsNotTheStreamItsNameSaysIsUnreadable(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(FakeSparkUi.APP_ID + ".lz4"), EventLogs.twoJobsSecondFails());
        assertThatThrownBy(() -> reader.read(dir.toString(), FakeSparkUi.APP_ID, EventLogReaderTest.NOW))
                .isInstanceOf(EventLogReader.Unreadable.class)
                .hasMessageContaining("is not a readable lz4 stream");
    }
}
