package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import hudson.AbortException;
import hudson.ExtensionList;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/**
 * Bad step arguments end the step as Pipeline runs it, through {@code Step.start} and then
 * {@code StepExecution.start}: an {@link AbortException} naming each field, its problem and the fix, so the
 * console shows an error line and no stack trace, and nothing is looked up or submitted.
 */
class InvalidStepArgumentsTest {

    private static SparkSubmitEksStep submit(String mainApplicationFile) {
        SparkSubmitEksStep s = new SparkSubmitEksStep();
        s.setClusterName("prod");
        s.setRegion("us-east-1");
        s.setMainApplicationFile(mainApplicationFile);
        return s;
    }

    private static EmrStartJobRunStep emr() {
        EmrStartJobRunStep s = new EmrStartJobRunStep();
        s.setRegion("us-east-1");
        s.setVirtualClusterId("vc123");
        s.setExecutionRoleArn("arn:aws:iam::123456789012:role/emr-job");
        s.setReleaseLabel("emr-7.5.0-latest");
        s.setEntryPoint("s3://bucket/app.py");
        return s;
    }

    private static Arguments invalid(String name, Supplier<Step> step, List<String> expected) {
        return Arguments.of(name, step, expected);
    }

    static Stream<Arguments> invalidSteps() {
        return Stream.of(
                invalid(
                        "sparkSubmitEks without cluster nor application",
                        SparkSubmitEksStep::new,
                        List.of(
                                "clusterName: no cluster is given.", "Set clusterName (EKS)",
                                "mainApplicationFile: is missing.", "Give the application")),
                invalid(
                        "sparkSubmitEks with a timeout that is no duration",
                        () -> {
                            SparkSubmitEksStep s = submit("local:///opt/app.jar");
                            s.setTimeout("soon");
                            return s;
                        },
                        List.of("timeout: 'soon' is not a positive duration.")),
                invalid(
                        "sparkSubmitEks with an unknown retention",
                        () -> {
                            SparkSubmitEksStep s = submit("local:///opt/app.jar");
                            s.setRetention("forever");
                            return s;
                        },
                        List.of(
                                "retention: 'forever' is not a retention policy.",
                                "Use delete, keep or keep_on_failure.")),
                invalid(
                        "sparkSubmitEks with an unknown mode",
                        () -> {
                            SparkSubmitEksStep s = submit("local:///opt/app.jar");
                            s.setMode("yarn");
                            return s;
                        },
                        List.of(
                                "mode: 'yarn' is not a submission mode.",
                                "Use submit (driver pod), operator (SparkApplication for the operator the cluster has), operator-kubeflow (sparkoperator.k8s.io) or operator-apache (spark.apache.org).")),
                invalid(
                        "emrStartJobRun without anything",
                        EmrStartJobRunStep::new,
                        List.of(
                                "region: is missing.",
                                "virtualClusterId: is missing.",
                                "executionRoleArn: is missing.",
                                "releaseLabel: is missing.",
                                "entryPoint: is missing.",
                                "Give an EMR release")),
                invalid(
                        "emrStartJobRun with a start timeout that is no duration",
                        () -> {
                            EmrStartJobRunStep s = emr();
                            s.setStartTimeout("tomorrow");
                            return s;
                        },
                        List.of("startTimeout: 'tomorrow' is not a positive duration.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSteps")
    void endsTheStepWithTheFieldTheProblemAndTheFix(String name, Supplier<Step> step, List<String> expected)
            throws Exception {
        StepContext context = mock(StepContext.class);
        StepExecution execution;
        try (MockedStatic<ExtensionList> extensions = mockStatic(ExtensionList.class)) {
            // built without its constructor, which loads the saved configuration: no global defaults
            SparkOnEksConfiguration config = mock(SparkOnEksConfiguration.class, CALLS_REAL_METHODS);
            extensions
                    .when(() -> ExtensionList.lookupSingleton(SparkOnEksConfiguration.class))
                    .thenReturn(config);
            execution = step.get().start(context);
        }
        // StepExecution keeps its context in a private field upstream; answer it as Pipeline would
        StepExecution running = spy(execution);
        doReturn(context).when(running).getContext();

        assertThat(running.start()).as("ended synchronously").isTrue();

        ArgumentCaptor<Throwable> failure = ArgumentCaptor.forClass(Throwable.class);
        verify(context).onFailure(failure.capture());
        assertThat(failure.getValue()).isExactlyInstanceOf(AbortException.class).hasNoCause();
        assertThat(failure.getValue().getMessage()).startsWith("Invalid input").contains(expected);
        // neither the build nor its console was asked for: nothing was looked up, numbered or submitted
        verifyNoMoreInteractions(context);
    }
}
