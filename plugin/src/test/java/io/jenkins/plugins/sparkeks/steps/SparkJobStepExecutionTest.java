package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.google.common.util.concurrent.Futures;
import hudson.AbortException;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.credentials.AwsAccessResolver;
import io.jenkins.plugins.sparkeks.credentials.ClusterAccessResolver;
import io.jenkins.plugins.sparkeks.job.AwsTarget;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.KubernetesTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

@SuppressWarnings("unchecked")
class SparkJobStepExecutionTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private FakeEngines.Remote remote;
    private FakeEngines.Factory factory;
    private Run<?, ?> run;
    private final List<Action> actions = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private TaskListener listener;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        String name = test.getDisplayName();
        remote = FakeEngines.remote(name);
        factory = new FakeEngines.Factory(name);
        run = mockRun("folder/etl", 7);
        listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Run<?, ?> mockRun(String jobName, int number) throws IOException {
        Run r = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn(jobName);
        when(r.getParent()).thenReturn(job);
        when(r.getNumber()).thenReturn(number);
        doAnswer(i -> actions.add(i.getArgument(0))).when(r).addAction(any());
        when(r.getAction(any(Class.class)))
                .thenAnswer(i -> actions.stream()
                        .filter(((Class<?>) i.getArgument(0))::isInstance)
                        .findFirst()
                        .orElse(null));
        return r;
    }

    private StepContext context() throws Exception {
        StepContext c = mock(StepContext.class);
        when(c.get(Run.class)).thenReturn((Run) run);
        when(c.get(TaskListener.class)).thenReturn(listener);
        when(c.saveState()).thenReturn(Futures.immediateVoidFuture());
        return c;
    }

    private static JobDefinition definition(boolean wait, boolean propagate) {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setClusterName("prod");
        step.setRegion("us-east-1");
        step.setMainApplicationFile("local:///opt/app.jar");
        step.setConf(List.of("spark.hadoop.fs.s3a.secret.key=wJalrXUtnFEMI/K7MDENG"));
        step.setWait(wait);
        step.setPropagate(propagate);
        step.setStartTimeout("7m");
        return step.toDefinition(SparkOnEksDefaults.NONE);
    }

    private SparkJobStepExecution started(StepContext c, boolean wait, boolean propagate) throws Exception {
        SparkJobStepExecution e = inContext(new SparkJobStepExecution(c, definition(wait, propagate), factory), c);
        assertThat(e.start()).isFalse();
        return e;
    }

    private String consoleText() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void startReturnsAtOnceAndSavesTheReferenceAsSoonAsTheJobIsSubmitted() throws Exception {
        StepContext c = context();
        SparkJobStepExecution e = started(c, true, true);

        await().atMost(BOUND).until(() -> remote.watches.size() == 1);
        verify(c, atLeastOnce()).saveState();
        assertThat(e.reference()).isNotNull();
        assertThat(e.reference().displayId()).startsWith("spark:app-");
        assertThat(remote.keys)
                .containsExactly(
                        new io.jenkins.plugins.sparkeks.core.job.SubmissionKey("jenkins:folder/etl#7/spark-1"));
        assertThat(e.getStatus()).startsWith("waiting for driver pod");
        // submit retries (EMR's StartJobRun) are bounded by the step's own start timeout
        assertThat(remote.submitOptions)
                .singleElement()
                .satisfies(o -> assertThat(o.startTimeout()).isEqualTo(java.time.Duration.ofMinutes(7)));
        assertThat(consoleText())
                .contains("[spark-on-eks] Submitting")
                .contains("[spark-on-eks] Submitted KUBERNETES job");
    }

    @Test
    void eachStepOfABuildGetsItsOwnKey() throws Exception {
        started(context(), true, true);
        started(context(), true, true);

        await().atMost(BOUND).until(() -> remote.submits.get() == 2);
        assertThat(remote.keys)
                .extracting(k -> k.value())
                .containsExactlyInAnyOrder("jenkins:folder/etl#7/spark-1", "jenkins:folder/etl#7/spark-2");
    }

    @Test
    void aSuccessfulJobReturnsItsResultMap() throws Exception {
        StepContext c = context();
        started(c, true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);

        remote.lastWatch().result.complete(FakeEngines.result(JobState.SUCCEEDED));

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(c, timeout(BOUND.toMillis())).onSuccess(value.capture());
        assertThat(value.getValue()).isInstanceOfSatisfying(Map.class, m -> {
            assertThat(m)
                    .containsEntry("state", "SUCCEEDED")
                    .containsEntry("success", true)
                    .containsEntry("driverPod", "app-driver");
            assertThat(m.values())
                    .allMatch(v -> v instanceof String
                            || v instanceof Number
                            || v instanceof Boolean
                            || v instanceof Map
                            || v instanceof List);
            assertThat(m).isInstanceOf(Serializable.class);
        });
        verify(c, never()).onFailure(any());
        assertThat(consoleText()).contains("[spark-on-eks] Spark job SUCCEEDED (Completed)");
        verify(listener, timeout(BOUND.toMillis())).hyperlink(eq("https://console.aws.amazon.com/eks/home"), any());
    }

    @Test
    void aFailedJobFailsTheStepWhenPropagating() throws Exception {
        StepContext c = context();
        started(c, true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);

        remote.lastWatch().result.complete(FakeEngines.result(JobState.FAILED));

        ArgumentCaptor<Throwable> error = ArgumentCaptor.forClass(Throwable.class);
        verify(c, timeout(BOUND.toMillis())).onFailure(error.capture());
        assertThat(error.getValue()).isInstanceOf(AbortException.class).hasMessageContaining("ended FAILED (Error)");
        verify(c, never()).onSuccess(any());
    }

    @Test
    void withoutPropagateAFailedJobIsReturnedNotThrown() throws Exception {
        StepContext c = context();
        started(c, true, false);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);

        remote.lastWatch().result.complete(FakeEngines.result(JobState.FAILED));

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(c, timeout(BOUND.toMillis())).onSuccess(value.capture());
        assertThat((Map<Object, Object>) value.getValue())
                .containsEntry("state", "FAILED")
                .containsEntry("success", false);
    }

    @Test
    void withoutWaitTheStepReturnsOnceSubmitted() throws Exception {
        StepContext c = context();
        started(c, false, true);

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(c, timeout(BOUND.toMillis())).onSuccess(value.capture());
        assertThat((Map<Object, Object>) value.getValue()).containsEntry("state", "RUNNING");
        assertThat(remote.watches).isEmpty();
    }

    @Test
    void aSubmitErrorFailsTheStepWithItsMessage() throws Exception {
        remote.submitFailure = new io.jenkins.plugins.sparkeks.core.job.JobException(
                "Creating driver pod in namespace spark was forbidden");
        StepContext c = context();
        started(c, true, true);

        ArgumentCaptor<Throwable> error = ArgumentCaptor.forClass(Throwable.class);
        verify(c, timeout(BOUND.toMillis())).onFailure(error.capture());
        assertThat(error.getValue()).isInstanceOf(AbortException.class).hasMessageContaining("forbidden");
    }

    @Test
    void stopCancelsTheRemoteJobAndFailsWithTheCause() throws Exception {
        StepContext c = context();
        SparkJobStepExecution e = started(c, true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);

        InterruptedException cause = new InterruptedException("aborted by user");
        e.stop(cause);

        verify(c, timeout(BOUND.toMillis())).onFailure(cause);
        assertThat(remote.cancels.get()).isEqualTo(1);
        verify(c, never()).onSuccess(any());
        assertThat(consoleText()).contains("cancelling the Spark job").contains("Spark job CANCELLED");
    }

    @Test
    void aRestartReattachesWithoutSubmittingAgainAndContinuesTheLog() throws Exception {
        StepContext before = context();
        SparkJobStepExecution e = started(before, true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);
        FakeEngines.Remote.Watch first = remote.lastWatch();
        first.observer.log(new LogLine("pod", Instant.now(), "Pi is roughly 3.14"));
        LogCursor moved = LogCursor.START.with("pod", "2026-11-21T13:00:00Z#1");
        first.current = first.current.withLogCursor(moved);
        e.checkpoint();

        StepContext after = context();
        SparkJobStepExecution resumed = restart(e, after);
        resumed.onResume();

        await().atMost(BOUND).until(() -> remote.watches.size() == 2);
        assertThat(remote.submits.get()).isEqualTo(1);
        assertThat(remote.cancels.get()).isZero();
        assertThat(remote.lastWatch().startedFrom.logCursor()).isEqualTo(moved);
        assertThat(consoleText()).contains("reattaching to " + first.current.displayId() + " without submitting again");

        remote.lastWatch().result.complete(FakeEngines.result(JobState.SUCCEEDED));
        verify(after, timeout(BOUND.toMillis())).onSuccess(any());
    }

    @Test
    void aRestartBeforeTheJobWasConfirmedSubmitsAgainUnderTheSameKey() throws Exception {
        remote.submitFailure = new IllegalStateException("controller went down mid-call");
        StepContext before = context();
        SparkJobStepExecution e = started(before, true, true);
        verify(before, timeout(BOUND.toMillis())).onFailure(any());
        remote.submitFailure = null;

        SparkJobStepExecution resumed = restart(e, context());
        resumed.onResume();

        await().atMost(BOUND).until(() -> remote.submits.get() == 1);
        assertThat(remote.keys).extracting(k -> k.value()).containsExactly("jenkins:folder/etl#7/spark-1");
    }

    @Test
    void shuttingJenkinsDownDetachesWithoutCancellingAndSavesTheLogPosition() throws Exception {
        StepContext c = context();
        started(c, true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);
        FakeEngines.Remote.Watch w = remote.lastWatch();
        w.current = w.current.withLogCursor(LogCursor.START.with("pod", "2026-11-21T13:05:00Z#7"));

        SparkJobStepExecution.detachAll();

        assertThat(w.detached).isTrue();
        assertThat(w.result).isCompletedExceptionally();
        assertThat(remote.cancels.get()).isZero();
        verify(c, atLeastOnce()).saveState();
        // the watch's result ends on a pool thread: the step must stay open for onResume() throughout
        await().during(Duration.ofMillis(700)).atMost(BOUND).untilAsserted(() -> {
            verify(c, never()).onFailure(any());
            verify(c, never()).onSuccess(any());
        });
    }

    /**
     * PERFORMANCE_OPTIMIZED: {@code saveState()} writes nothing, and program.dat is written once, when
     * workflow-cps suspends the program at shutdown. What it writes is the execution's fields as they are then.
     */
    @Test
    void atShutdownTheCursorSavedWithTheProgramIsTheLastDeliveredLineWhateverTheDurability() throws Exception {
        StepContext c = context(); // saveState() returns at once and saves nothing
        SparkJobStepExecution e = started(c, true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);
        FakeEngines.Remote.Watch w = remote.lastWatch();
        w.current = w.current.withLogCursor(LogCursor.START.with("pod", "2026-11-21T13:00:00Z#1"));
        e.checkpoint();
        w.current = w.current.withLogCursor(LogCursor.START.with("pod", "2026-11-21T13:00:20Z#4"));
        LogCursor last = LogCursor.START.with("pod", "2026-11-21T13:00:21Z#5");
        w.deliveredWhileDetaching = last;

        new ShutdownDetacher().onBeforeShutdown();

        assertThat(consoleText()).contains("last line before detach");
        SparkJobStepExecution resumed = restart(e, context());
        assertThat(resumed.reference().logCursor()).isEqualTo(last);
        resumed.onResume();
        await().atMost(BOUND).until(() -> remote.watches.size() == 2);
        assertThat(remote.lastWatch().startedFrom.logCursor()).isEqualTo(last);
        assertThat(remote.submits.get()).isEqualTo(1);
    }

    @Test
    void aLaunchStillUnderWayAtShutdownDetachesItsWatchToo() throws Exception {
        remote.watchGate = new CountDownLatch(1);
        StepContext c = context();
        started(c, true, true);
        assertThat(remote.watchEntered.await(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();

        SparkJobStepExecution.detachAll(); // finds no watch yet
        remote.watchGate.countDown();

        await().atMost(BOUND).until(() -> remote.watches.size() == 1 && remote.lastWatch().detached);
        assertThat(remote.cancels.get()).isZero();
        await().during(Duration.ofMillis(500)).atMost(BOUND).untilAsserted(() -> {
            verify(c, never()).onFailure(any());
            verify(c, never()).onSuccess(any());
        });
    }

    /** The cause as the plugin's own resolver reports a kubeconfig credential that no longer exists. */
    private AbortException kubeconfigCredentialGone(String id) throws Exception {
        try (MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class)) {
            new ClusterAccessResolver(new AwsAccessResolver())
                    .access(new KubernetesTarget(new AwsTarget(null, null, null, null), null, null, id, null), run);
        } catch (AbortException expected) {
            return expected;
        }
        throw new AssertionError("a missing credential was not reported");
    }

    @Test
    void aResumedStepWhoseCredentialIsGoneEndsSayingTheJobWasNotCancelledAndWhereItIs() throws Exception {
        StepContext before = context();
        SparkJobStepExecution e = started(before, true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);
        String job = remote.lastWatch().current.displayId();
        SparkJobStepExecution.detachAll();
        remote.createFailure = kubeconfigCredentialGone("kubeconfig-prod");

        StepContext after = context();
        SparkJobStepExecution resumed = restart(e, after);
        resumed.onResume();

        ArgumentCaptor<Throwable> error = ArgumentCaptor.forClass(Throwable.class);
        verify(after, timeout(BOUND.toMillis())).onFailure(error.capture());
        assertThat(error.getValue())
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("could not reattach to Spark job " + job)
                .hasMessageContaining("'kubeconfig-prod'")
                .hasMessageContaining("NOT cancelled")
                .hasMessageContaining("find it as " + job);
        assertThat(remote.submits.get()).isEqualTo(1);
        assertThat(remote.cancels.get()).isZero();
        assertThat(remote.watches).hasSize(1);
    }

    @Test
    void aStepResumedBeforeItsJobWasConfirmedSaysWhatToLookForWhenItsCredentialIsGone() throws Exception {
        remote.submitFailure = new IllegalStateException("controller went down mid-call");
        StepContext before = context();
        SparkJobStepExecution e = started(before, true, true);
        verify(before, timeout(BOUND.toMillis())).onFailure(any());
        remote.createFailure = kubeconfigCredentialGone("kubeconfig-prod");

        StepContext after = context();
        restart(e, after).onResume();

        ArgumentCaptor<Throwable> error = ArgumentCaptor.forClass(Throwable.class);
        verify(after, timeout(BOUND.toMillis())).onFailure(error.capture());
        String keyHash =
                new io.jenkins.plugins.sparkeks.core.job.SubmissionKey("jenkins:folder/etl#7/spark-1").hash(16);
        assertThat(error.getValue())
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("'kubeconfig-prod'")
                .hasMessageContaining("NOT cancelled")
                .hasMessageContaining(keyHash);
        assertThat(remote.submits.get()).isZero();
    }

    @Test
    void aResumedStepKeepsLaterStepsOfItsBuildFromReusingItsNumber() throws Exception {
        SparkJobStepExecution first = started(context(), true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);
        SparkJobStepExecution.detachAll();
        actions.clear(); // the build.xml read back was saved before this step was numbered

        restart(first, context()).onResume();
        started(context(), true, true);

        await().atMost(BOUND).until(() -> remote.submits.get() == 2);
        assertThat(remote.keys)
                .extracting(k -> k.value())
                .containsExactly("jenkins:folder/etl#7/spark-1", "jenkins:folder/etl#7/spark-2");
    }

    @Test
    void secretConfValuesNeverReachTheConsole() throws Exception {
        SparkJobStepExecution e = started(context(), true, true);
        await().atMost(BOUND).until(() -> remote.watches.size() == 1);
        FakeEngines.Remote.Watch w = remote.lastWatch();

        w.observer.log(new LogLine("pod", null, "using key wJalrXUtnFEMI/K7MDENG for s3a"));
        w.observer.diagnostic("conf spark.hadoop.fs.s3a.secret.key=wJalrXUtnFEMI/K7MDENG");

        assertThat(consoleText()).doesNotContain("wJalrXUtnFEMI").contains("using key **** for s3a");
        assertThat(e.getStatus()).doesNotContain("wJalrXUtnFEMI");
    }

    /** Writes the execution as Pipeline does (the context replaced by a pickle) and reads it back with a new context. */
    private static SparkJobStepExecution restart(SparkJobStepExecution e, StepContext newContext) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return obj instanceof StepContext ? ContextPickle.INSTANCE : obj;
            }
        }) {
            out.writeObject(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            {
                enableResolveObject(true);
            }

            @Override
            protected Object resolveObject(Object obj) {
                return obj == ContextPickle.INSTANCE ? newContext : obj;
            }
        }) {
            return inContext((SparkJobStepExecution) in.readObject(), newContext);
        }
    }

    /** The execution as Pipeline runs it: {@code getContext()} answers the given context (StepExecution is Jenkins'). */
    static SparkJobStepExecution inContext(SparkJobStepExecution e, StepContext c) {
        SparkJobStepExecution s = spy(e);
        doReturn(c).when(s).getContext();
        return s;
    }

    private enum ContextPickle {
        INSTANCE
    }
}
