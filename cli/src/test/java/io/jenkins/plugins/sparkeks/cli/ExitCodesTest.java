package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import org.junit.jupiter.api.Test;

/** A cancel that was not seen to take effect must never look like one that was, nor like a job in progress. */
class ExitCodesTest {

    @Test
    void aConfirmedCancelIsCancelledAndAnUnconfirmedOneHasItsOwnCode() {
        JobResult confirmed = JobResult.builder(Backend.EMR_ON_EKS, JobState.CANCELLED).reason("Cancelled")
                .cancelConfirmed(true).build();
        JobResult unconfirmed = JobResult.builder(Backend.EMR_ON_EKS, JobState.CANCELLING)
                .reason(JobResult.CANCEL_NOT_CONFIRMED).cancelConfirmed(false).build();
        JobResult timedOutUnconfirmed = JobResult.builder(Backend.KUBERNETES, JobState.TIMED_OUT).reason("RunTimeout")
                .cancelConfirmed(false).build();

        assertThat(ExitCodes.of(confirmed)).isEqualTo(ExitCodes.CANCELLED).isEqualTo(4);
        assertThat(ExitCodes.of(unconfirmed)).isEqualTo(ExitCodes.CANCEL_NOT_CONFIRMED).isEqualTo(7);
        assertThat(ExitCodes.of(timedOutUnconfirmed)).isEqualTo(ExitCodes.CANCEL_NOT_CONFIRMED);
        assertThat(ExitCodes.of(JobResult.builder(Backend.KUBERNETES, JobState.RUNNING).build())).isEqualTo(ExitCodes.OK);
    }

    @Test
    void theCancelCommandExitsSevenWhenTheCancelWasNotConfirmed() {
        JobResult unconfirmed = JobResult.builder(Backend.EMR_ON_EKS, JobState.CANCELLING)
                .reason(JobResult.CANCEL_NOT_CONFIRMED).cancelConfirmed(false).build();
        JobSession session = new JobSession(new Terminal(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), OutputFormat.text, false),
                new ManualInterrupts(), new ReferenceCodec());

        io.jenkins.plugins.sparkeks.core.job.SparkJobBackend<Object> backend =
                new io.jenkins.plugins.sparkeks.core.job.SparkJobBackend<>() {
                    @Override public Backend backend() { return Backend.EMR_ON_EKS; }
                    @Override public void validate(Object spec) {}
                    @Override public io.jenkins.plugins.sparkeks.core.job.JobReference submit(Object spec,
                            io.jenkins.plugins.sparkeks.core.job.SubmissionKey key,
                            io.jenkins.plugins.sparkeks.core.job.JobObserver observer) { throw new UnsupportedOperationException(); }
                    @Override public io.jenkins.plugins.sparkeks.core.job.JobWatch watch(
                            io.jenkins.plugins.sparkeks.core.job.JobReference reference,
                            io.jenkins.plugins.sparkeks.core.job.WaitOptions options,
                            io.jenkins.plugins.sparkeks.core.job.JobObserver observer) { throw new UnsupportedOperationException(); }
                    @Override public JobResult describe(io.jenkins.plugins.sparkeks.core.job.JobReference reference) {
                        throw new UnsupportedOperationException();
                    }
                    @Override public JobResult cancel(io.jenkins.plugins.sparkeks.core.job.JobReference reference,
                            java.time.Duration gracePeriod) { return unconfirmed; }
                };

        assertThat(session.cancel(backend, null, null).exitCode()).isEqualTo(ExitCodes.CANCEL_NOT_CONFIRMED);
    }
}
