package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Result;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** {@code sparkSubmitEks} in real Pipelines against a CRUD Kubernetes mock: success, abort, restart. */
@EnableKubernetesMockClient(crud = true)
class SparkSubmitEksPipelineITest {

    private static final String NS = "spark";
    private static final Duration BOUND = Duration.ofSeconds(60);

    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    static KubernetesClient client;

    private static final String SCRIPT = """
            def r = sparkSubmitEks(kubeconfigCredentialsId: 'kubeconfig', namespace: 'spark',
                    image: 'apache/spark:3.5.6', mainClass: 'org.apache.spark.examples.SparkPi',
                    mainApplicationFile: 'local:///opt/spark/examples/jars/spark-examples.jar', retention: 'keep')
            echo "state=${r.state} success=${r.success} pod=${r.driverPod}"
            """;

    private static WorkflowRun startPipeline(JenkinsRule j) throws Exception {
        SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
        credentials
                .getCredentials()
                .add(new FileCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "kubeconfig",
                        "mock cluster",
                        "config",
                        SecretBytes.fromRawBytes(
                                KubernetesDriverPods.kubeconfig(client).getBytes(StandardCharsets.UTF_8))));
        credentials.save(); // getCredentials() is the live list; only save() writes it for the next session
        WorkflowJob p = j.createProject(WorkflowJob.class, "spark-pi");
        p.setDefinition(new CpsFlowDefinition(SCRIPT, true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        return j.waitForMessage("[spark-on-eks] Submitted KUBERNETES job", b);
    }

    /** Starts the Pipeline and returns the name of the one driver pod it creates. */
    private static String startedDriver(JenkinsRule j) throws Exception {
        startPipeline(j);
        return onlyDriver(new KubernetesDriverPods(client, NS)).getMetadata().getName();
    }

    private static Pod onlyDriver(KubernetesDriverPods pods) {
        await().atMost(BOUND).until(() -> pods.drivers().size() == 1);
        return pods.drivers().get(0);
    }

    @Test
    void aSucceedingDriverReturnsItsResult() throws Throwable {
        sessions.then(j -> {
            WorkflowRun b = startPipeline(j);
            KubernetesDriverPods pods = new KubernetesDriverPods(client, NS);
            String pod = onlyDriver(pods).getMetadata().getName();

            pods.running(pod);
            pods.terminated(pod, "Succeeded", 0, "Completed");

            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("state=SUCCEEDED success=true pod=" + pod, b);
        });
    }

    @Test
    void aFailingDriverFailsTheBuild() throws Throwable {
        sessions.then(j -> {
            WorkflowRun b = startPipeline(j);
            KubernetesDriverPods pods = new KubernetesDriverPods(client, NS);
            String pod = onlyDriver(pods).getMetadata().getName();

            pods.terminated(pod, "Failed", 1, "Error");

            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
            j.assertLogContains("ended FAILED", b);
        });
    }

    @Test
    void abortingTheBuildDeletesTheDriver() throws Throwable {
        sessions.then(j -> {
            WorkflowRun b = startPipeline(j);
            KubernetesDriverPods pods = new KubernetesDriverPods(client, NS);
            String pod = onlyDriver(pods).getMetadata().getName();
            pods.running(pod);

            b.doStop();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            await().atMost(BOUND)
                    .until(() -> client.pods().inNamespace(NS).withName(pod).get() == null);
            j.assertLogContains("cancelling the Spark job", b);
        });
    }

    @Test
    void aRestartReattachesWithoutSubmittingAgainOrRepeatingLines() throws Throwable {
        String[] pod = new String[1];
        sessions.then(j -> {
            pod[0] = startedDriver(j);
        });
        sessions.then(j -> {
            WorkflowRun b =
                    j.jenkins.getItemByFullName("spark-pi", WorkflowJob.class).getLastBuild();
            j.waitForMessage("without submitting again", b);
            KubernetesDriverPods pods = new KubernetesDriverPods(client, NS);
            assertThat(pods.drivers()).hasSize(1);

            pods.terminated(pod[0], "Succeeded", 0, "Completed");

            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            String log = JenkinsRule.getLog(b);
            assertThat(log.split("Submitted KUBERNETES job", -1))
                    .as("submitted once")
                    .hasSize(2);
            assertThat(pods.drivers()).hasSize(1);
        });
    }

    @Test
    void aRestartAfterTheCredentialWasDeletedEndsTheStepAndLeavesTheDriverRunning() throws Throwable {
        String[] pod = new String[1];
        sessions.then(j -> {
            pod[0] = startedDriver(j);
            SystemCredentialsProvider credentials = SystemCredentialsProvider.getInstance();
            credentials.getCredentials().clear();
            credentials.save();
        });
        sessions.then(j -> {
            WorkflowRun b =
                    j.jenkins.getItemByFullName("spark-pi", WorkflowJob.class).getLastBuild();

            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(b));
            j.assertLogContains("could not reattach to Spark job", b);
            j.assertLogContains("'kubeconfig'", b);
            j.assertLogContains("NOT cancelled", b);
            assertThat(client.pods().inNamespace(NS).withName(pod[0]).get())
                    .as("driver left alone")
                    .isNotNull();
        });
    }

    @Test
    void invalidArgumentsEndTheStepWithTheFieldsAndNoStackTrace() throws Throwable {
        sessions.then(j -> {
            WorkflowJob p = j.createProject(WorkflowJob.class, "invalid");
            p.setDefinition(new CpsFlowDefinition(
                    "sparkSubmitEks(kubeconfigCredentialsId: 'kubeconfig', timeout: 'soon', retention: 'forever')",
                    true));

            WorkflowRun b = j.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

            j.assertLogContains("mainApplicationFile: is missing.", b);
            j.assertLogContains("timeout: 'soon' is not a positive duration.", b);
            j.assertLogContains("retention: 'forever' is not a retention policy.", b);
            j.assertLogNotContains("InvalidJobSpecException", b);
            j.assertLogNotContains("\tat ", b);
            j.assertLogNotContains("Submitting", b);
        });
    }
}
