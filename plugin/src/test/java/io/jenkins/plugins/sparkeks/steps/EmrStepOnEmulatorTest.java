package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.common.util.concurrent.Futures;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import io.jenkins.plugins.sparkeks.engine.CoreJobEngines;
import io.jenkins.plugins.sparkeks.engine.JobEngine;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/**
 * {@code emrStartJobRun} end to end on the real core EMR backend against the local AWS emulator: everything but
 * Jenkins itself.
 */
class EmrStepOnEmulatorTest {

    private AwsEmulator aws;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        aws = AwsEmulator.startRealTime().virtualCluster(VirtualCluster.running("vc1", "analytics", "prod", "spark"));
        // no credentials id: the controller's default chain, here the emulator's keys as JVM system properties
        System.setProperty("aws.accessKeyId", AwsEmulator.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AwsEmulator.SECRET_ACCESS_KEY);
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        aws.close();
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aJobRunIsStartedFollowedAndReturnedAsAMap() throws Exception {
        aws.script(
                "nightly",
                JobScript.builder()
                        .pending(Duration.ofMillis(200))
                        .submitted(Duration.ofMillis(200))
                        .running(Duration.ofSeconds(1))
                        .completes()
                        .build());
        Run run = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn("etl/nightly");
        when(run.getParent()).thenReturn(job);
        when(run.getNumber()).thenReturn(12);
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(console, true, StandardCharsets.UTF_8));
        StepContext context = mock(StepContext.class);
        when(context.get(Run.class)).thenReturn(run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.saveState()).thenReturn(Futures.immediateVoidFuture());

        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setName("nightly");
        step.setVirtualClusterId("vc1");
        step.setExecutionRoleArn("arn:aws:iam::111122223333:role/emr-job");
        step.setReleaseLabel("emr-7.2.0-latest");
        step.setEntryPoint("local:///usr/lib/spark/examples/jars/spark-examples.jar");
        SparkOnEksDefaults defaults = new SparkOnEksDefaults(
                aws.region(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                aws.endpoint().toString());
        JobDefinition definition = step.toDefinition(defaults);
        JobEngine engine;
        // built on the test thread, where Jenkins is mocked, and handed to the execution
        try (MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class)) {
            jenkins.when(Jenkins::getInstanceOrNull).thenReturn(null); // no controller, so no proxy settings
            engine = CoreJobEngines.INSTANCE.create(definition, run);
        }
        SparkJobStepExecution execution = SparkJobStepExecutionTest.inContext(
                new SparkJobStepExecution(context, definition, (d, r) -> engine), context);

        assertThat(execution.start()).isFalse();

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(context, timeout(30_000)).onSuccess(value.capture());
        verify(context, never()).onFailure(any());
        Map<String, Object> result = (Map<String, Object>) value.getValue();
        assertThat(result)
                .containsEntry("backend", "EMR_ON_EKS")
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("virtualClusterId", "vc1");
        assertThat(aws.jobRuns()).hasSize(1);
        assertThat(execution.reference().displayId()).contains((String) result.get("jobRunId"));
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("[spark-on-eks] Submitted EMR_ON_EKS job")
                .doesNotContain(AwsEmulator.SECRET_ACCESS_KEY);
    }

    /**
     * A virtual cluster whose one queue place is taken: the step waits (the console says why), starts once the place
     * frees, and sends the Spark 4 runtime's release label and managed logs as the API model spells them.
     */
    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aFullJobQueueIsWaitedOutAndTheNewStartJobRunFieldsReachEmr() throws Exception {
        aws.virtualCluster(
                VirtualCluster.running("vc1", "analytics", "prod", "spark").withScheduler(null, 1));
        aws.script(
                "hog",
                JobScript.builder()
                        .pending(Duration.ofSeconds(2))
                        .submitted(Duration.ZERO)
                        .running(Duration.ofSeconds(1))
                        .build());
        aws.script(
                "spark4",
                JobScript.builder()
                        .pending(Duration.ofMillis(200))
                        .submitted(Duration.ofMillis(200))
                        .running(Duration.ofMillis(500))
                        .build());
        EmrStartJobRunStep hog = step("hog", "emr-7.12.0-latest");
        EmrStartJobRunStep step = step("spark4", "emr-spark-8.0.0-20260421");
        step.setAllowAwsToRetainLogs("disabled");
        step.setManagedLogsEncryptionKeyArn(
                "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        StepContext hogContext = context(new ByteArrayOutputStream(), 11);
        start(hog, hogContext);
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> aws.jobRuns().size() == 1);

        StepContext context = context(console, 12);
        start(step, context);

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(context, timeout(30_000)).onSuccess(value.capture());
        verify(context, never()).onFailure(any());
        verify(hogContext, timeout(30_000)).onSuccess(any());
        assertThat(((Map<String, Object>) value.getValue())).containsEntry("state", "SUCCEEDED");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("StartJobRun for 'spark4' on virtual cluster vc1: the virtual cluster's job queue is full")
                .contains("Waiting for a place");
        assertThat(aws.jobRuns()).hasSize(2);
        var sent = aws.jobRuns().get(1).request();
        assertThat(sent.releaseLabel()).isEqualTo("emr-spark-8.0.0-20260421");
        assertThat(sent.body())
                .contains("\"managedLogs\":{\"allowAWSToRetainLogs\":\"DISABLED\"")
                .contains("\"encryptionKeyArn\":\"arn:aws:kms:us-east-1:111122223333:key/1234abcd");
    }

    private EmrStartJobRunStep step(String name, String releaseLabel) {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setName(name);
        step.setVirtualClusterId("vc1");
        step.setExecutionRoleArn("arn:aws:iam::111122223333:role/emr-job");
        step.setReleaseLabel(releaseLabel);
        step.setEntryPoint("local:///usr/lib/spark/examples/jars/spark-examples.jar");
        return step;
    }

    @SuppressWarnings("rawtypes")
    private StepContext context(ByteArrayOutputStream out, int build) throws Exception {
        Run run = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn("etl/nightly");
        when(run.getParent()).thenReturn(job);
        when(run.getNumber()).thenReturn(build);
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(out, true, StandardCharsets.UTF_8));
        StepContext context = mock(StepContext.class);
        when(context.get(Run.class)).thenReturn(run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.saveState()).thenReturn(Futures.immediateVoidFuture());
        return context;
    }

    @SuppressWarnings("rawtypes")
    private void start(EmrStartJobRunStep step, StepContext context) throws Exception {
        SparkOnEksDefaults defaults = new SparkOnEksDefaults(
                aws.region(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                aws.endpoint().toString());
        JobDefinition definition = step.toDefinition(defaults);
        Run run = context.get(Run.class);
        JobEngine engine;
        try (MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class)) {
            jenkins.when(Jenkins::getInstanceOrNull).thenReturn(null);
            engine = CoreJobEngines.INSTANCE.create(definition, run);
        }
        SparkJobStepExecution execution = SparkJobStepExecutionTest.inContext(
                new SparkJobStepExecution(context, definition, (d, r) -> engine), context);
        assertThat(execution.start()).isFalse();
    }
}
