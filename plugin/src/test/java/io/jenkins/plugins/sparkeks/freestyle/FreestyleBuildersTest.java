package io.jenkins.plugins.sparkeks.freestyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.AbortException;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Result;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.FakeEngines;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Result perform(EmrStartJobRunBuilder builder, JobState outcome) throws Exception {
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
                                .thenReturn(FakeEngines.result(outcome)))) {
            global.when(SparkOnEksConfiguration::get).thenReturn(config);

            assertThat(builder.perform(build, mock(Launcher.class), listener)).isTrue();

            assertThat(runners.constructed()).hasSize(1);
            org.mockito.ArgumentCaptor<Result> result = org.mockito.ArgumentCaptor.forClass(Result.class);
            if (outcome == JobState.SUCCEEDED) {
                verify(build, never()).setResult(any());
                return null;
            }
            verify(build).setResult(result.capture());
            return result.getValue();
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

    @Test
    void anInvalidConfigurationEndsTheBuildWithTheFieldAndNoStackTrace() {
        EmrStartJobRunStep step = validEmrStep();
        step.setExecutionRoleArn(null);

        assertThatThrownBy(() -> perform(new EmrStartJobRunBuilder(step), JobState.SUCCEEDED))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("executionRoleArn");
    }
}
