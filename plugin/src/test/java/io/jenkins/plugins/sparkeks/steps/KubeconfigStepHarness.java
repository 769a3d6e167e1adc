package io.jenkins.plugins.sparkeks.steps;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.google.common.util.concurrent.Futures;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.engine.CoreJobEngines;
import io.jenkins.plugins.sparkeks.engine.JobEngine;
import io.jenkins.plugins.sparkeks.engine.JobEngineFactory;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.mockito.MockedStatic;

/**
 * A {@code sparkSubmitEks} execution on the real core engines, reaching a mock API server through a kubeconfig
 * file credential: everything but Jenkins itself, which is mocked. The engine is built on the test thread, where
 * the static mocks of the credentials lookup and of Jenkins apply, and handed to the execution by name.
 */
final class KubeconfigStepHarness {

    private static final Map<String, JobEngine> PREBUILT = new ConcurrentHashMap<>();

    private record Prebuilt(String name) implements JobEngineFactory {
        @Override
        public JobEngine create(JobDefinition definition, Run<?, ?> run) {
            return PREBUILT.get(name);
        }
    }

    final StepContext context = mock(StepContext.class);
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final SparkJobStepExecution execution;

    /** SparkPi from the Apache image into namespace {@code spark}, driver kept, log not followed. */
    static SparkSubmitEksStep sparkPi() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setKubeconfigCredentialsId("kubeconfig");
        step.setNamespace("spark");
        step.setImage("apache/spark:3.5.6");
        step.setMainClass("org.apache.spark.examples.SparkPi");
        step.setMainApplicationFile("local:///opt/spark/examples/jars/spark-examples.jar");
        step.setRetention("keep");
        step.setFollowLogs(false);
        return step;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    KubeconfigStepHarness(KubernetesClient client, String jobName, int buildNumber, SparkSubmitEksStep step)
            throws Exception {
        Run run = mock(Run.class);
        Job job = mock(Job.class);
        when(job.getFullName()).thenReturn(jobName);
        when(run.getParent()).thenReturn(job);
        when(run.getNumber()).thenReturn(buildNumber);
        FileCredentials kubeconfig = mock(FileCredentials.class);
        when(kubeconfig.getContent())
                .thenReturn(new ByteArrayInputStream(
                        KubernetesDriverPods.kubeconfig(client).getBytes(StandardCharsets.UTF_8)));
        JobDefinition definition = step.toDefinition(SparkOnEksDefaults.NONE);
        String engineName = jobName + "#" + buildNumber;
        try (MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class);
                MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class)) {
            jenkins.when(Jenkins::getInstanceOrNull).thenReturn(null); // no controller, so no proxy settings
            credentials
                    .when(() -> CredentialsProvider.findCredentialById("kubeconfig", FileCredentials.class, run))
                    .thenReturn(kubeconfig);
            PREBUILT.put(engineName, CoreJobEngines.INSTANCE.create(definition, run));
            credentials.verify(() -> CredentialsProvider.track(run, kubeconfig));
        }
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(console, true, StandardCharsets.UTF_8));
        when(context.get(Run.class)).thenReturn(run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.saveState()).thenReturn(Futures.immediateVoidFuture());
        execution = SparkJobStepExecutionTest.inContext(
                new SparkJobStepExecution(context, definition, new Prebuilt(engineName)), context);
    }

    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
