package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A submission key is one job run: a repeat attaches, another spec under the key is refused. */
class EmrSubmissionKeyScopeTest {

    private final EmulatedAws env = new EmulatedAws();
    private final EmrBackend backend = env.backend(env.machinery(EmrPollSettings.fast()));

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void theSameRequestUnderTheKeyAttachesToTheRunItStarted() {
        SubmissionKey key = new SubmissionKey("build-7");
        EmrJobRunReference first = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, new RecordingObserver());
        EmrJobRunReference again = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, new RecordingObserver());

        assertThat(again.jobRunId()).isEqualTo(first.jobRunId());
        assertThat(env.aws.jobRuns()).hasSize(1);
        assertThat(env.aws.jobRuns().get(0).request().tags()).containsEntry(EmrSpecFingerprints.TAG,
                EmrSpecFingerprints.of(EmrBackendEmulatorTest.request("etl").build()).value());
    }

    @Test
    void anotherJobUnderTheKeyIsRefusedNamingBothInsteadOfReportingTheFirstRun() {
        SubmissionKey key = new SubmissionKey("build-8");
        EmrJobRunReference first = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, new RecordingObserver());
        EmrJobRequest other = EmrBackendEmulatorTest.request("report").build();

        assertThatThrownBy(() -> backend.submit(other, key, new RecordingObserver()))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("'build-8'")
                .hasMessageContaining(first.jobRunId()).hasMessageContaining("'etl'")
                .hasMessageContaining(EmrSpecFingerprints.of(EmrBackendEmulatorTest.request("etl").build()).value())
                .hasMessageContaining("'report'").hasMessageContaining(EmrSpecFingerprints.of(other).value());
        assertThat(env.aws.jobRuns()).as("runs started = 1").hasSize(1);
    }

    @Test
    void anotherJobUnderTheKeyIsRefusedThroughADescribeJobRunStormAtSubmit() {
        SubmissionKey key = new SubmissionKey("build-9");
        EmrJobRunReference first = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, new RecordingObserver());
        // beyond the SDK's own attempts: only the engine's retries get the tag read
        env.aws.faults().throttle(Operation.DESCRIBE_JOB_RUN, 6).serverError(Operation.DESCRIBE_JOB_RUN, 6);
        RecordingObserver observer = new RecordingObserver();

        assertThatThrownBy(() -> backend.submit(EmrBackendEmulatorTest.request("report").build(), key, observer))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("'build-9'").hasMessageContaining(first.jobRunId()).hasMessageContaining("'report'");
        assertThat(env.aws.faults().pending(Operation.DESCRIBE_JOB_RUN)).isZero();
        assertThat(observer.diagnostics).anyMatch(d -> d.startsWith("DescribeJobRun ") && d.contains("trying again"));
        assertThat(env.aws.jobRuns()).as("runs started = 1").hasSize(1);
    }

    @Test
    void theSameRequestAttachesThroughADescribeJobRunStormAtSubmit() {
        SubmissionKey key = new SubmissionKey("build-10");
        EmrJobRunReference first = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, new RecordingObserver());
        env.aws.faults().serverError(Operation.DESCRIBE_JOB_RUN, 12);

        EmrJobRunReference again = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, new RecordingObserver());

        assertThat(again.jobRunId()).isEqualTo(first.jobRunId());
        assertThat(again.createdAt()).isNotNull();
        assertThat(env.aws.faults().pending(Operation.DESCRIBE_JOB_RUN)).isZero();
        assertThat(env.aws.jobRuns()).hasSize(1);
    }

    @Test
    void aSpecThatCannotBeReadWithinTheStartTimeoutFailsTheSubmitNamingTheKeyInsteadOfAttaching() {
        SubmissionKey key = new SubmissionKey("build-11");
        EmrJobRunReference first = backend.submit(EmrBackendEmulatorTest.request("etl").build(), key, new RecordingObserver());
        env.aws.faults().serverError(Operation.DESCRIBE_JOB_RUN, 1_000_000);
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> backend.submit(EmrBackendEmulatorTest.request("report").build(), key,
                new RecordingObserver(), WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(2))))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("Submission key 'build-11' has EMR job run " + EmulatedAws.VC + "/" + first.jobRunId())
                .hasMessageContaining("its spec could not be compared with this request's")
                .hasMessageContaining("within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("within the start timeout").isLessThan(Duration.ofSeconds(10));
        assertThat(env.aws.jobRuns()).hasSize(1);
    }

    @Test
    void secretValuesInSparkSubmitParametersDoNotCount() {
        assertThat(EmrSpecFingerprints.withoutSecrets("--conf spark.hadoop.fs.s3a.secret.key=abc --conf spark.executor.instances=2"))
                .isEqualTo("--conf spark.hadoop.fs.s3a.secret.key= --conf spark.executor.instances=2");
    }
}
