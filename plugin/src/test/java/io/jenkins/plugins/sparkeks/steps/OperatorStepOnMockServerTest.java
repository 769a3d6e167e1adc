package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.google.common.util.concurrent.Futures;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
import io.jenkins.plugins.sparkeks.engine.CoreJobEngines;
import io.jenkins.plugins.sparkeks.engine.JobEngine;
import io.jenkins.plugins.sparkeks.engine.JobEngineFactory;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/**
 * {@code sparkSubmitEks(mode: 'operator')} end to end on the core Spark Operator backend against a CRUD
 * Kubernetes mock API server; the test plays the operator by writing the SparkApplication's status.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorStepOnMockServerTest {

    static KubernetesClient client;

    private record Prebuilt(JobEngine engine) implements JobEngineFactory {
        @Override
        public JobEngine create(JobDefinition definition, Run<?, ?> run) {
            return engine;
        }
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aSparkApplicationIsCreatedFollowedAndJudged() throws Exception {
        Run run = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn("etl/op");
        when(run.getParent()).thenReturn(job);
        when(run.getNumber()).thenReturn(2);
        FileCredentials kubeconfig = mock(FileCredentials.class);
        when(kubeconfig.getContent()).thenReturn(new ByteArrayInputStream(
                KubernetesDriverPods.kubeconfig(client).getBytes(StandardCharsets.UTF_8)));
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setMode("operator");
        step.setKubeconfigCredentialsId("kubeconfig");
        step.setNamespace("spark");
        step.setImage("apache/spark:3.5.6");
        step.setMainClass("org.apache.spark.examples.SparkPi");
        step.setMainApplicationFile("local:///opt/spark/examples/jars/spark-examples.jar");
        step.setRetention("keep");
        step.setFollowLogs(false);
        JobDefinition definition = step.toDefinition(SparkOnEksDefaults.NONE);
        JobEngine engine;
        try (MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class);
                MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class)) {
            jenkins.when(Jenkins::getInstanceOrNull).thenReturn(null); // no controller, so no proxy settings
            credentials.when(() -> CredentialsProvider.findCredentialById("kubeconfig", FileCredentials.class, run))
                    .thenReturn(kubeconfig);
            engine = CoreJobEngines.INSTANCE.create(definition, run);
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(console, true, StandardCharsets.UTF_8));
        StepContext context = mock(StepContext.class);
        when(context.get(Run.class)).thenReturn(run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.saveState()).thenReturn(Futures.immediateVoidFuture());
        SparkJobStepExecution execution = SparkJobStepExecutionTest.inContext(
                new SparkJobStepExecution(context, definition, new Prebuilt(engine)), context);

        assertThat(execution.start()).isFalse();
        var apps = client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT).inNamespace("spark");
        await().atMost(Duration.ofSeconds(30)).until(() -> apps.list().getItems().size() == 1 && execution.reference() != null);
        String name = apps.list().getItems().get(0).getMetadata().getName();
        apps.withName(name).edit(app -> withState(app, name, "RUNNING"));
        apps.withName(name).edit(app -> withState(app, name, "COMPLETED"));

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(context, timeout(30_000)).onSuccess(value.capture());
        verify(context, never()).onFailure(any());
        assertThat((Map<String, Object>) value.getValue()).containsEntry("backend", "SPARK_OPERATOR")
                .containsEntry("state", "SUCCEEDED").containsEntry("nativeState", "COMPLETED")
                .containsEntry("sparkAppId", "spark-" + name).containsEntry("driverPod", name + "-driver");
        assertThat(execution.reference().displayId()).isEqualTo("spark:sparkapplication/" + name);
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("test-token", "cannot be followed");
        assertThat(apps.list().getItems()).as("mode operator submits once").hasSize(1);
    }

    private static GenericKubernetesResource withState(GenericKubernetesResource app, String name, String state) {
        app.setAdditionalProperty("status", Map.of(
                "applicationState", Map.of("state", state),
                "sparkApplicationId", "spark-" + name,
                "driverInfo", Map.of("podName", name + "-driver")));
        return app;
    }
}
