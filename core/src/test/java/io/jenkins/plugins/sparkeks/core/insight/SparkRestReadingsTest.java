package io.jenkins.plugins.sparkeks.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SparkRestReadingsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRetriedStageCountsByItsLastAttemptAndFailedTasksOfEveryAttemptCount() throws Exception {
        JsonNode jobs = JSON.readTree("[{\"jobId\":0,\"name\":\"count at A.scala:1\",\"stageIds\":[0,1],"
                + "\"jobTags\":[],\"status\":\"RUNNING\",\"numTasks\":20}]");
        JsonNode stages = JSON.readTree("[{\"status\":\"ACTIVE\",\"stageId\":1,\"attemptId\":1,\"numTasks\":10,"
                + "\"numCompleteTasks\":3,\"numFailedTasks\":0,\"name\":\"count at A.scala:1\"},"
                + "{\"status\":\"FAILED\",\"stageId\":1,\"attemptId\":0,\"numTasks\":10,\"numCompleteTasks\":2,"
                + "\"numFailedTasks\":5,\"name\":\"count at A.scala:1\",\"failureReason\":\"FetchFailed\"},"
                + "{\"status\":\"COMPLETE\",\"stageId\":0,\"attemptId\":0,\"numTasks\":10,\"numCompleteTasks\":10,"
                + "\"numFailedTasks\":0,\"name\":\"map at A.scala:1\"}]");
        SparkSnapshot s = SparkRestReadings.snapshot(jobs, stages, null, Instant.EPOCH);
        assertThat(s.stagesFailed()).as("attempt 1 of stage 1 runs again").isZero();
        assertThat(s.stagesActive()).isEqualTo(1);
        assertThat(s.stagesCompleted()).isEqualTo(1);
        assertThat(s.failedTasks()).isEqualTo(5);
        assertThat(s.currentStage()).isEqualTo("1 (count at A.scala:1)");
        assertThat(s.executorsAlive()).as("no executor list: unknown, not zero").isNull();
        assertThat(s.progressLine()).isEqualTo(
                "Spark: jobs 0 done, 1 running, 0 failed · stage 1 (count at A.scala:1) 3/10 tasks · 5 failed tasks");
    }
}
