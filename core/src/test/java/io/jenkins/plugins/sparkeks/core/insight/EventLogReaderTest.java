package io.jenkins.plugins.sparkeks.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogReaderTest {

    static final Instant NOW = Instant.parse("2026-12-04T22:00:00Z");
    final EventLogReader reader = new EventLogReader(List.of(new LocalEventLogs()));

    @Test
    void readsJobAndStageOutcomesFromASingleFileLog(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(FakeSparkUi.APP_ID + ".inprogress"), EventLogs.twoJobsSecondFails());
        SparkSnapshot s = reader.read(dir.toString(), FakeSparkUi.APP_ID, NOW);
        assertThat(s.source()).isEqualTo(SparkSnapshot.Source.EVENT_LOG);
        assertThat(List.of(s.jobsSucceeded(), s.jobsRunning(), s.jobsFailed())).containsExactly(1, 0, 1);
        assertThat(List.of(s.stagesCompleted(), s.stagesFailed(), s.stagesActive())).containsExactly(1, 1, 0);
        assertThat(s.failedTasks()).isEqualTo(1);
        assertThat(s.failure()).isEqualTo(new SparkFailure(1, "final write", 1, "save at Late.scala:9",
                "Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times: java.io.IOException: disk full"));
    }

    @Test
    void readsTheRollingLayoutInOrder(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("eventlog_v2_" + FakeSparkUi.APP_ID));
        List<String> lines = EventLogs.twoJobsSecondFails().lines().toList();
        // events_10 sorts before events_2 as text: the reader must order by number
        Files.writeString(folder.resolve("events_2_" + FakeSparkUi.APP_ID), String.join("\n", lines.subList(0, 12)));
        Files.writeString(folder.resolve("events_10_" + FakeSparkUi.APP_ID), String.join("\n", lines.subList(12, lines.size())));
        Files.writeString(folder.resolve("appstatus_" + FakeSparkUi.APP_ID), "");
        SparkSnapshot s = reader.read("file:" + dir, FakeSparkUi.APP_ID, NOW);
        assertThat(s.jobsFailed()).isEqualTo(1);
        assertThat(s.failure().description()).isEqualTo("final write");
        assertThat(s.failure().stageId()).as("stage 1 was submitted (events_2) before it failed (events_10)").isEqualTo(1);
        assertThat(s.stagesActive()).isZero();
    }

    @Test
    void saysWhyWhenTheLogIsMissingOrOutOfReach(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(FakeSparkUi.APP_ID), "");
        assertThatThrownBy(() -> reader.read(dir.toString(), "spark-other", NOW))
                .hasMessageContaining("no event log for spark-other");
        assertThatThrownBy(() -> reader.read("hdfs://nn/logs", FakeSparkUi.APP_ID, NOW))
                .hasMessageContaining("not one this process can read");
    }
}
