package io.jenkins.plugins.sparkeks.freestyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.WaitSettings;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.FakeEngines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class BlockingJobRunnerTest {

    private FakeEngines.Remote remote;
    private BlockingJobRunner runner;
    private Run<?, ?> run;
    private TaskListener listener;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    @SuppressWarnings({"rawtypes", "unchecked"})
    void setUp(TestInfo test) {
        remote = FakeEngines.remote("freestyle-" + test.getDisplayName());
        runner = new BlockingJobRunner(new FakeEngines.Factory("freestyle-" + test.getDisplayName()));
        Run r = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn("nightly");
        when(r.getParent()).thenReturn(job);
        when(r.getNumber()).thenReturn(3);
        run = r;
        listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private static JobDefinition definition(boolean propagate) {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setRegion("us-east-1");
        step.setVirtualClusterId("vc1");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setEntryPoint("s3://bucket/app.py");
        step.setPropagate(propagate);
        return step.toDefinition(SparkOnEksDefaults.NONE);
    }

    private CompletableFuture<JobResult> runInBackground(JobDefinition d, AtomicReference<Thread> thread) {
        CompletableFuture<JobResult> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(runner.run(d, run, listener));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        thread.set(t);
        t.start();
        return f;
    }

    @Test
    void waitsForTheVerdictAndReportsIt() throws Exception {
        CompletableFuture<JobResult> verdict = runInBackground(definition(true), new AtomicReference<>());
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.watches.size() == 1);

        remote.lastWatch().result.complete(FakeEngines.result(JobState.FAILED));

        JobResult r = verdict.get();
        assertThat(r.state()).isEqualTo(JobState.FAILED);
        WaitSettings propagate = definition(true).waitSettings();
        assertThat(BlockingJobRunner.buildResult(r, propagate, false)).isEqualTo(Result.FAILURE);
        assertThat(BlockingJobRunner.buildResult(r, propagate, true)).isEqualTo(Result.UNSTABLE);
        assertThat(BlockingJobRunner.buildResult(r, definition(false).waitSettings(), false))
                .isNull();
        assertThat(BlockingJobRunner.buildResult(FakeEngines.result(JobState.SUCCEEDED), propagate, false))
                .isNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[spark-on-eks] Spark job FAILED");
    }

    @Test
    void anAbortedBuildCancelsTheJob() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CompletableFuture<JobResult> verdict = runInBackground(definition(true), thread);
        await().atMost(Duration.ofSeconds(10)).until(() -> remote.watches.size() == 1);

        thread.get().interrupt();

        assertThatThrownBy(verdict::join).hasCauseInstanceOf(InterruptedException.class);
        assertThat(remote.cancels.get()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Spark job CANCELLED");
    }

    @Test
    void aRemoteErrorIsAPoliteFailure() {
        remote.submitFailure = new JobException("StartJobRun was denied: not authorized to pass role job");

        assertThatThrownBy(() -> runner.run(definition(true), run, listener))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("not authorized");
    }
}
