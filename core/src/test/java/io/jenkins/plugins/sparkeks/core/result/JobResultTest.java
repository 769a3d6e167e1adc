package io.jenkins.plugins.sparkeks.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobResultTest {

    @Test
    void mapHoldsOnlyPlainValuesAndLeavesOutAbsentOnes() {
        JobResult r = JobResult.builder(Backend.KUBERNETES, JobState.FAILED)
                .exitCode(137)
                .reason("OOMKilled")
                .namespace("spark")
                .driverPod("etl-driver")
                .startedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .finishedAt(Instant.parse("2026-01-01T00:01:30Z"))
                .link("Driver log", "https://example.invalid/log")
                .explanation(List.of("java.lang.OutOfMemoryError"))
                .build();

        Map<String, Object> m = r.toMap();

        assertThat(m).containsEntry("state", "FAILED").containsEntry("success", false)
                .containsEntry("exitCode", 137).containsEntry("durationSeconds", 90L)
                .containsEntry("startedAt", "2026-01-01T00:00:00Z")
                .doesNotContainKeys("jobRunId", "attempts", "submittedAt");
        assertThat(m.get("links")).isEqualTo(Map.of("Driver log", "https://example.invalid/log"));
        assertThat(m.values()).allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean
                || v instanceof Map || v instanceof List);
    }

    @Test
    void anIncompleteLogIsReportedWithoutTouchingTheVerdictAndSurvivesToBuilder() {
        JobResult complete = JobResult.builder(Backend.EMR_ON_EKS, JobState.SUCCEEDED).build();
        assertThat(complete.logComplete()).isTrue();
        assertThat(complete.toMap()).containsEntry("logComplete", true).doesNotContainKey("logNote");

        JobResult cut = complete.toBuilder().logNote("The whole log is in CloudWatch Logs group /emr/jobs.").build();
        assertThat(cut.success()).isTrue();
        assertThat(cut.logComplete()).isFalse();
        assertThat(cut.toBuilder().build()).isEqualTo(cut);
        assertThat(cut.toMap()).containsEntry("logComplete", false)
                .containsEntry("logNote", "The whole log is in CloudWatch Logs group /emr/jobs.");
        assertThat(complete.toBuilder().logNote(" ").build().logComplete()).as("a blank note says nothing").isTrue();
    }

    @Test
    void successIsDerivedFromTheStateAndCannotContradictIt() {
        assertThat(JobResult.builder(Backend.EMR_ON_EKS, JobState.SUCCEEDED).build().success()).isTrue();
        assertThat(JobResult.builder(Backend.EMR_ON_EKS, JobState.SUCCEEDED).state(JobState.FAILED).build().success())
                .isFalse();
        assertThatThrownBy(() -> new JobResult(Backend.KUBERNETES, JobState.FAILED, true, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
