package io.jenkins.plugins.sparkeks.emulator.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.emulator.JobScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTimelineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static JobScript script(long pending, long submitted, long running) {
        return JobScript.builder().pending(Duration.ofSeconds(pending)).submitted(Duration.ofSeconds(submitted))
                .running(Duration.ofSeconds(running)).cancelPending(Duration.ofSeconds(3)).build();
    }

    @Test
    void statesFollowTheScriptedDurationsWithHalfOpenBoundaries() {
        JobTimeline t = new JobTimeline(script(1, 2, 3), T0, null);

        assertThat(List.of(0, 999, 1000, 2999, 3000, 5999, 6000).stream()
                .map(ms -> t.stateAt(T0.plusMillis(ms))).toList())
                .containsExactly("PENDING", "PENDING", "SUBMITTED", "SUBMITTED", "RUNNING", "RUNNING", "COMPLETED");
        assertThat(t.finishedAt(T0.plusSeconds(5))).isEmpty();
        assertThat(t.finishedAt(T0.plusSeconds(6))).contains(T0.plusSeconds(6));
    }

    @Test
    void aRunWithoutRunningPhaseNeverStartsADriver() {
        JobTimeline t = new JobTimeline(JobScript.builder().running(Duration.ZERO)
                .fails("VALIDATION_ERROR", "bad image").build(), T0, null);

        assertThat(t.stateAt(T0.plusSeconds(3))).isEqualTo("FAILED");
        assertThat(t.driverStarted()).isFalse();
    }

    @Test
    void cancellingBeforeTheDriverStartsLeavesNoOutputAndEndsAfterCancelPending() {
        JobTimeline t = new JobTimeline(script(10, 10, 10), T0, null).cancelledAt(T0.plusSeconds(5));

        assertThat(t.stateAt(T0.plusSeconds(4))).isEqualTo("PENDING");
        assertThat(t.stateAt(T0.plusSeconds(7))).isEqualTo("CANCEL_PENDING");
        assertThat(t.isCancellableAt(T0.plusSeconds(7))).isFalse();
        assertThat(t.stateAt(T0.plusSeconds(8))).isEqualTo("CANCELLED");
        assertThat(t.finishedAt(T0.plusSeconds(9))).contains(T0.plusSeconds(8));
        assertThat(t.driverStarted()).isFalse();
    }

    @Test
    void linesSpreadAcrossRunningAndStopAtACancel() {
        JobTimeline t = new JobTimeline(script(0, 0, 40), T0, null);

        assertThat(t.timed(List.of("a", "b", "c"))).extracting(JobTimeline.TimedLine::at)
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
        assertThat(t.cancelledAt(T0.plusSeconds(20)).timed(List.of("a", "b", "c")))
                .extracting(JobTimeline.TimedLine::text).containsExactly("a");
    }

    @Test
    void attemptsAdvanceEvenlyAndStopAtTheLast() {
        JobTimeline t = new JobTimeline(JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(30)).attempts(3).build(), T0, null);

        assertThat(List.of(0, 9, 10, 25, 60).stream().map(s -> t.attemptAt(T0.plusSeconds(s))).toList())
                .containsExactly(1, 1, 2, 3, 3);
    }
}
