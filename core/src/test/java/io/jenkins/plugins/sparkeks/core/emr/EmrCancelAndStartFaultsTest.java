package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * StartJobRun and CancelJobRun under throttling and server errors, through the AWS SDK against the emulator. The
 * clients make 3 attempts per call themselves, so every fault count here is beyond what the SDK rides out alone.
 */
class EmrCancelAndStartFaultsTest {

    private final EmulatedAws env = new EmulatedAws();
    private final EmrWatchMachinery machinery = env.machinery(EmrPollSettings.fast());
    private final EmrBackend backend = env.backend(machinery);

    @AfterEach
    void close() {
        env.close();
    }

    private EmrJobRunReference longRun(String key) {
        env.aws.script("long", JobScript.builder().running(Duration.ofMinutes(10)).cancelPending(Duration.ZERO).build());
        return backend.submit(EmrBackendEmulatorTest.request("long").build(), new SubmissionKey(key), new RecordingObserver());
    }

    @Test
    void throttledAndFailingStartJobRunIsRetriedUnderOneTokenAndStartsOneRun() {
        env.aws.faults().throttle(Operation.START_JOB_RUN, 5).serverError(Operation.START_JOB_RUN, 3);
        RecordingObserver observer = new RecordingObserver();
        SubmissionKey key = new SubmissionKey("build-41");

        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, observer,
                WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(30)));
        EmrJobRunReference again = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, observer);

        assertThat(env.aws.calls(Operation.START_JOB_RUN)).isEqualTo(10);
        assertThat(env.aws.jobRuns()).hasSize(1);
        assertThat(again.jobRunId()).isEqualTo(ref.jobRunId());
        assertThat(observer.diagnostics).anyMatch(d -> d.contains("StartJobRun") && d.contains("trying again"));
    }

    @Test
    void startJobRunThrottledPastTheStartTimeoutGivesUpNamingTheSubmissionKey() {
        env.aws.faults().throttle(Operation.START_JOB_RUN, 100_000);
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> backend.submit(EmrBackendEmulatorTest.request("etl").build(),
                new SubmissionKey("cli:5f0c-retry-me"), new RecordingObserver(),
                WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("did not get through within 1 s")
                .hasMessageContaining("ThrottlingException")
                .hasMessageContaining("submission key \"cli:5f0c-retry-me\"");

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(env.aws.calls(Operation.START_JOB_RUN)).isGreaterThan(3);
        assertThat(env.aws.jobRuns()).isEmpty();
    }

    @Test
    void cancelJobRunFailingSeveralTimesIsRetriedUntilConfirmed() {
        EmrJobRunReference ref = longRun("cancel-retried");
        env.aws.faults().throttle(Operation.CANCEL_JOB_RUN, 3).serverError(Operation.CANCEL_JOB_RUN, 3);

        JobResult r = backend.cancel(ref, Duration.ofSeconds(20));

        assertThat(r.state()).isEqualTo(JobState.CANCELLED);
        assertThat(r.cancelConfirmed()).isTrue();
        assertThat(r.reason()).isEqualTo("Cancelled");
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isEqualTo(7);
        assertThat(env.aws.jobRunState(ref.jobRunId())).hasValue("CANCELLED");
    }

    @Test
    void cancelJobRunThatNeverGetsThroughIsReportedAsNotConfirmed() {
        EmrJobRunReference ref = longRun("cancel-never");
        env.aws.faults().throttle(Operation.CANCEL_JOB_RUN, 100_000);
        long t0 = System.nanoTime();

        JobResult r = backend.cancel(ref, Duration.ofSeconds(1));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.cancelConfirmed()).isFalse();
        assertThat(r.state()).isEqualTo(JobState.CANCELLING);
        assertThat(r.reason()).isEqualTo(JobResult.CANCEL_NOT_CONFIRMED);
        assertThat(r.nativeState()).isNotEqualTo("CANCELLED");
        assertThat(r.message()).contains("did not get through within 1 s").contains("ThrottlingException")
                .contains("may still be running");
        assertThat(r.toMap()).containsEntry("cancelConfirmed", false);
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isGreaterThan(3);
        assertThat(env.aws.jobRunState(ref.jobRunId())).isNotEqualTo(java.util.Optional.of("CANCELLED"));
    }

    @Test
    void aWatchRetriesCancelJobRunUntilItGetsThrough() throws Exception {
        env.aws.script("long", JobScript.builder().running(Duration.ofMinutes(10)).cancelPending(Duration.ofSeconds(2)).build());
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("long").build(),
                new SubmissionKey("watch-cancel"), observer);
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        env.advanceUntil(() -> watch.status().contains("RUNNING"), Duration.ofSeconds(1));
        env.aws.faults().serverError(Operation.CANCEL_JOB_RUN, 4).throttle(Operation.CANCEL_JOB_RUN, 3);

        var result = watch.cancel("Build aborted.");
        env.advanceUntilDone(result);

        JobResult r = result.get();
        assertThat(r.state()).isEqualTo(JobState.CANCELLED);
        assertThat(r.cancelConfirmed()).isTrue();
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isEqualTo(8);
        assertThat(observer.diagnostics).anyMatch(d -> d.contains("CancelJobRun failed") && d.contains("trying again"));
    }

    @Test
    void aWatchWhoseCancelNeverGetsThroughEndsNotConfirmed() throws Exception {
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = longRun("watch-never");
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        env.advanceUntil(() -> watch.status().contains("RUNNING"), Duration.ofSeconds(1));
        env.aws.faults().throttle(Operation.CANCEL_JOB_RUN, 100_000);

        var result = watch.cancel("Build aborted.");
        env.advanceUntil(result::isDone, Duration.ofSeconds(1));

        JobResult r = result.get();
        assertThat(r.cancelConfirmed()).isFalse();
        assertThat(r.state()).isEqualTo(JobState.CANCELLING);
        assertThat(r.reason()).isEqualTo(JobResult.CANCEL_NOT_CONFIRMED);
        assertThat(r.message()).contains("had not confirmed");
        assertThat(env.aws.calls(Operation.CANCEL_JOB_RUN)).isGreaterThan(3);
        assertThat(env.aws.jobRunState(ref.jobRunId())).hasValue("RUNNING");
    }
}
