package io.jenkins.plugins.sparkeks.freestyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Result;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.WaitSettings;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.FakeEngines;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;

/**
 * The freestyle builders stay out of Pipeline: Pipeline's {@code step} metastep (workflow-basic-steps' CoreStep) only
 * accepts and lists {@code jenkins.tasks.SimpleBuildStep}s, so a builder that is not one cannot be run there, where it
 * would block a thread for the whole job and not survive a restart. Freestyle builds run them through
 * {@code perform(AbstractBuild, Launcher, BuildListener)}.
 */
class FreestyleBuildersTest {

    @ParameterizedTest
    @ValueSource(classes = {SparkSubmitEksBuilder.class, EmrStartJobRunBuilder.class})
    void buildersAreNotSimpleBuildSteps(Class<?> builder) {
        assertThat(supertypeNames(builder))
                .contains("hudson.tasks.Builder")
                .doesNotContain("jenkins.tasks.SimpleBuildStep");
    }

    private static Set<String> supertypeNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(Set.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (names.add(c.getName())) {
                if (c.getSuperclass() != null) {
                    todo.push(c.getSuperclass());
                }
                for (Class<?> i : c.getInterfaces()) {
                    todo.push(i);
                }
            }
        }
        return names;
    }

    @Test
    void builderSymbolsServeJobDslAndDoNotCollideWithTheStepNames() {
        String submitSymbol = SparkSubmitEksBuilder.DescriptorImpl.class.getAnnotation(Symbol.class)
                .value()[0];
        String emrSymbol = EmrStartJobRunBuilder.DescriptorImpl.class.getAnnotation(Symbol.class)
                .value()[0];

        assertThat(Set.of(submitSymbol, emrSymbol))
                .containsExactlyInAnyOrder("sparkSubmitEksBuilder", "emrStartJobRunBuilder")
                .doesNotContain(
                        new SparkSubmitEksStep.DescriptorImpl().getFunctionName(),
                        new EmrStartJobRunStep.DescriptorImpl().getFunctionName());
    }

    private static EmrStartJobRunStep validEmrStep() {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setRegion("us-east-1");
        step.setVirtualClusterId("vc1");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setEntryPoint("s3://bucket/app.py");
        return step;
    }

    /** The build result {@code builder} sets when its job ends in {@code outcome}, or null when it sets none. */
    private static Result perform(SparkJobBuilder<?> builder, JobState outcome) throws Exception {
        return perform(builder, FakeEngines.result(outcome), new AtomicReference<>());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Result perform(SparkJobBuilder<?> builder, JobResult verdict, AtomicReference<JobDefinition> ran)
            throws Exception {
        AbstractBuild build = mock(AbstractBuild.class);
        BuildListener listener = mock(BuildListener.class);
        when(listener.getLogger())
                .thenReturn(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        SparkOnEksConfiguration config = mock(SparkOnEksConfiguration.class, CALLS_REAL_METHODS);
        when(config.defaults()).thenReturn(SparkOnEksDefaults.NONE);
        try (MockedStatic<SparkOnEksConfiguration> global = mockStatic(SparkOnEksConfiguration.class);
                MockedConstruction<BlockingJobRunner> runners = mockConstruction(
                        BlockingJobRunner.class,
                        (runner, context) -> when(runner.run(any(), same(build), same(listener)))
                                .thenAnswer(call -> {
                                    ran.set(call.getArgument(0));
                                    return verdict;
                                }))) {
            global.when(SparkOnEksConfiguration::get).thenReturn(config);

            assertThat(builder.perform(build, mock(Launcher.class), listener)).isTrue();

            assertThat(runners.constructed()).hasSize(1);
            org.mockito.ArgumentCaptor<Result> result = org.mockito.ArgumentCaptor.forClass(Result.class);
            verify(build, atMost(1)).setResult(result.capture());
            return result.getAllValues().isEmpty() ? null : result.getValue();
        }
    }

    @Test
    void aFreestyleBuildRunsTheJobAndTakesItsVerdict() throws Exception {
        assertThat(perform(new EmrStartJobRunBuilder(validEmrStep()), JobState.SUCCEEDED))
                .isNull();
        assertThat(perform(new EmrStartJobRunBuilder(validEmrStep()), JobState.FAILED))
                .isSameAs(Result.FAILURE);
        EmrStartJobRunBuilder unstable = new EmrStartJobRunBuilder(validEmrStep());
        unstable.setUnstable(true);
        assertThat(perform(unstable, JobState.FAILED)).isSameAs(Result.UNSTABLE);
    }

    /** The Pipeline step's rule ({@code SparkJobStepExecution}): every verdict that is not a success fails. */
    @ParameterizedTest
    @EnumSource(
            value = JobState.class,
            names = {"FAILED", "CANCELLED", "TIMED_OUT", "UNKNOWN", "CANCELLING"})
    void everyVerdictThatFailsTheStepFailsTheBuild(JobState outcome) throws Exception {
        assertThat(perform(new EmrStartJobRunBuilder(validEmrStep()), outcome)).isSameAs(Result.FAILURE);
    }

    @Test
    void aTimedOutJobWhoseCancelWasNotConfirmedFailsTheBuild() throws Exception {
        JobResult unconfirmed = FakeEngines.result(JobState.CANCELLING).toBuilder()
                .reason(JobResult.CANCEL_NOT_CONFIRMED)
                .cancelConfirmed(false)
                .build();

        assertThat(perform(new SparkSubmitEksBuilder(validSubmitStep()), unconfirmed, new AtomicReference<>()))
                .isSameAs(Result.FAILURE);
    }

    @Test
    void aJobNotWaitedForNeverDecidesTheBuildAsTheStepReturnsItsResult() throws Exception {
        EmrStartJobRunStep step = validEmrStep();
        step.setWait(false);

        assertThat(perform(new EmrStartJobRunBuilder(step), JobState.FAILED)).isNull();
    }

    @Test
    void everyWaitOptionOfTheStepReachesTheCoreThroughTheBuilder() throws Exception {
        SparkSubmitEksStep submit = validSubmitStep();
        submit.setPropagate(false);
        submit.setFollowLogs(false);
        submit.setSparkInsight(false);
        submit.setFailOnSparkJobFailure(false);
        submit.setStartTimeout("7m");
        submit.setTimeout("3h");
        submit.setApiUnreachableTimeout("2m");
        submit.setRetention("delete");
        submit.setStallGracePeriod("9m");
        AtomicReference<JobDefinition> ran = new AtomicReference<>();

        perform(new SparkSubmitEksBuilder(submit), FakeEngines.result(JobState.SUCCEEDED), ran);

        WaitSettings wait = ran.get().waitSettings();
        assertThat(wait).isEqualTo(submit.toDefinition(SparkOnEksDefaults.NONE).waitSettings());
        assertThat(wait.propagate()).isFalse();
        assertThat(wait.sparkInsight()).isFalse();
        assertThat(wait.failOnSparkJobFailure()).isFalse();
        WaitOptions core = wait.toWaitOptions();
        assertThat(core.startTimeout()).isEqualTo(Duration.ofMinutes(7));
        assertThat(core.runTimeout()).isEqualTo(Duration.ofHours(3));
        assertThat(core.apiUnreachableTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(core.stallGracePeriod()).isEqualTo(Duration.ofMinutes(9));
        assertThat(core.retention()).isEqualTo(Retention.DELETE);
        assertThat(core.followLogs()).isFalse();

        EmrStartJobRunStep emr = validEmrStep();
        emr.setWait(false);
        emr.setApiUnreachableTimeout("45s");
        perform(new EmrStartJobRunBuilder(emr), FakeEngines.result(JobState.SUBMITTED), ran);

        assertThat(ran.get().waitSettings().waitForCompletion()).isFalse();
        assertThat(ran.get().waitSettings().toWaitOptions().apiUnreachableTimeout())
                .isEqualTo(Duration.ofSeconds(45));
    }

    private static SparkSubmitEksStep validSubmitStep() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setRegion("us-east-1");
        step.setClusterName("dev");
        step.setNamespace("spark");
        step.setImage("apache/spark:3.5.3");
        step.setMainApplicationFile("local:///opt/spark/examples/jars/spark-examples.jar");
        step.setMainClass("org.apache.spark.examples.SparkPi");
        return step;
    }

    @Test
    void anInvalidConfigurationEndsTheBuildWithTheFieldAndNoStackTrace() {
        EmrStartJobRunStep step = validEmrStep();
        step.setExecutionRoleArn(null);

        assertThatThrownBy(() -> perform(new EmrStartJobRunBuilder(step), JobState.SUCCEEDED))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("executionRoleArn");
    }
}
