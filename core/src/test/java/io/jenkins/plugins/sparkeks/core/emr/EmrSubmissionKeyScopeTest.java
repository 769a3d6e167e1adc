package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
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
    void secretValuesInSparkSubmitParametersDoNotCount() {
        assertThat(EmrSpecFingerprints.withoutSecrets("--conf spark.hadoop.fs.s3a.secret.key=abc --conf spark.executor.instances=2"))
                .isEqualTo("--conf spark.hadoop.fs.s3a.secret.key= --conf spark.executor.instances=2");
    }
}
