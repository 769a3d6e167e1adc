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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
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
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/**
 * {@code sparkSubmitEks} end to end on the real core Kubernetes backend, reached through a kubeconfig file
 * credential, against a CRUD Kubernetes mock API server: everything but Jenkins itself.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesStepOnMockServerTest {

    static KubernetesClient client;

    /** Engines built on the test thread, where the credentials lookup and Jenkins are mocked, and handed to the execution. */
    private static final Map<String, JobEngine> PREBUILT = new ConcurrentHashMap<>();

    private record Prebuilt(String name) implements JobEngineFactory {
        @Override
        public JobEngine create(JobDefinition definition, Run<?, ?> run) {
            return PREBUILT.get(name);
        }
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void aDriverPodIsCreatedFollowedAndJudged() throws Exception {
        Run run = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn("etl/pi");
        when(run.getParent()).thenReturn(job);
        when(run.getNumber()).thenReturn(4);
        FileCredentials kubeconfig = mock(FileCredentials.class);
        when(kubeconfig.getContent()).thenReturn(new ByteArrayInputStream(
                KubernetesDriverPods.kubeconfig(client).getBytes(StandardCharsets.UTF_8)));
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setKubeconfigCredentialsId("kubeconfig");
        step.setNamespace("spark");
        step.setImage("apache/spark:3.5.6");
        step.setMainClass("org.apache.spark.examples.SparkPi");
        step.setMainApplicationFile("local:///opt/spark/examples/jars/spark-examples.jar");
        step.setRetention("keep");
        step.setFollowLogs(false);
        JobDefinition definition = step.toDefinition(SparkOnEksDefaults.NONE);
        try (MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class);
                MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class)) {
            jenkins.when(Jenkins::getInstanceOrNull).thenReturn(null); // no controller, so no proxy settings
            credentials.when(() -> CredentialsProvider.findCredentialById("kubeconfig", FileCredentials.class, run))
                    .thenReturn(kubeconfig);
            PREBUILT.put("pi", CoreJobEngines.INSTANCE.create(definition, run));
            credentials.verify(() -> CredentialsProvider.track(run, kubeconfig));
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(console, true, StandardCharsets.UTF_8));
        StepContext context = mock(StepContext.class);
        when(context.get(Run.class)).thenReturn(run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.saveState()).thenReturn(Futures.immediateVoidFuture());
        SparkJobStepExecution execution = SparkJobStepExecutionTest.inContext(
                new SparkJobStepExecution(context, definition, new Prebuilt("pi")), context);

        assertThat(execution.start()).isFalse();
        KubernetesDriverPods pods = new KubernetesDriverPods(client, "spark");
        await().atMost(Duration.ofSeconds(30)).until(() -> pods.drivers().size() == 1 && execution.reference() != null);
        String pod = pods.drivers().get(0).getMetadata().getName();
        pods.running(pod);
        pods.terminated(pod, "Succeeded", 0, "Completed");

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(context, timeout(30_000)).onSuccess(value.capture());
        verify(context, never()).onFailure(any());
        assertThat((Map<String, Object>) value.getValue()).containsEntry("backend", "KUBERNETES")
                .containsEntry("state", "SUCCEEDED").containsEntry("namespace", "spark").containsEntry("driverPod", pod)
                .containsEntry("exitCode", 0);
        assertThat(execution.reference().displayId()).isEqualTo("spark:" + pod);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("[spark-on-eks] Submitted KUBERNETES job spark:" + pod)
                .doesNotContain("test-token");
    }
}
