package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** No wait for ever: when every DescribeJobRun and ListJobRuns fails, the wait says so and ends UNKNOWN in time. */
class EmrApiOutageTest {

    private final EmulatedAws env = new EmulatedAws();
    private final EmrBackend backend = env.backend(env.machinery(EmrPollSettings.fast()));

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void everyLookFailingEndsTheWaitUnknownAfterTheConfiguredTimeAndSaysSoMeanwhile() {
        env.aws.script("long", JobScript.builder().running(Duration.ofHours(1)).build());
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("long").build(), new SubmissionKey("outage-1"), observer);
        env.aws.faults().serverError(Operation.LIST_JOB_RUNS, 1_000_000).serverError(Operation.DESCRIBE_JOB_RUN, 1_000_000);
        long t0 = System.nanoTime();

        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false)
                .withApiUnreachableTimeout(Duration.ofSeconds(2)), observer);
        JobResult r = watch.result().orTimeout(30, TimeUnit.SECONDS).join();

        Duration waited = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.state()).isEqualTo(JobState.UNKNOWN);
        assertThat(r.success()).isFalse();
        assertThat(r.reason()).isEqualTo("ApiUnreachable");
        assertThat(r.message()).contains("2 s", "unknown", "may still be running");
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(15));
        assertThat(observer.diagnostics).anyMatch(d -> d.startsWith("Cannot check EMR job run") && d.contains("UNKNOWN"));
        assertThat(env.aws.jobRuns()).hasSize(1);
    }

    @Test
    void aShortOutageIsReportedAndTheRunIsStillFollowedToItsEnd() {
        env.aws.script("short", JobScript.builder().running(Duration.ofSeconds(3)).build());
        RecordingObserver observer = new RecordingObserver();
        EmrJobRunReference ref = backend.submit(EmrBackendEmulatorTest.request("short").build(), new SubmissionKey("outage-2"), observer);
        env.aws.faults().serverError(Operation.LIST_JOB_RUNS, 30).serverError(Operation.DESCRIBE_JOB_RUN, 30);

        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false)
                .withApiUnreachableTimeout(Duration.ofMinutes(5)), observer);
        env.advanceUntilDone(watch.result());
        JobResult r = watch.result().orTimeout(60, TimeUnit.SECONDS).join();

        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(observer.diagnostics).anyMatch(d -> d.startsWith("Cannot check EMR job run"));
        assertThat(observer.diagnostics).anyMatch(d -> d.startsWith("Checking EMR job run") && d.contains("works again"));
    }
}
