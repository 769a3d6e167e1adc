package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * {@code sparkSubmitEks} end to end on the real core Kubernetes backend, reached through a kubeconfig file
 * credential, against a CRUD Kubernetes mock API server: everything but Jenkins itself.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesStepOnMockServerTest {

    static KubernetesClient client;

    @Test
    @SuppressWarnings("unchecked")
    void aDriverPodIsCreatedFollowedAndJudged() throws Exception {
        KubeconfigStepHarness step = new KubeconfigStepHarness(client, "etl/pi", 4, KubeconfigStepHarness.sparkPi());
        SparkJobStepExecution execution = step.execution;
        StepContext context = step.context;

        assertThat(execution.start()).isFalse();
        KubernetesDriverPods pods = new KubernetesDriverPods(client, "spark");
        await().atMost(Duration.ofSeconds(30)).until(() -> pods.drivers().size() == 1 && execution.reference() != null);
        String pod = pods.drivers().get(0).getMetadata().getName();
        pods.running(pod);
        pods.terminated(pod, "Succeeded", 0, "Completed");

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(context, timeout(30_000)).onSuccess(value.capture());
        verify(context, never()).onFailure(any());
        assertThat((Map<String, Object>) value.getValue())
                .containsEntry("backend", "KUBERNETES")
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("namespace", "spark")
                .containsEntry("driverPod", pod)
                .containsEntry("exitCode", 0);
        assertThat(execution.reference().displayId()).isEqualTo("spark:" + pod);
        assertThat(step.console())
                .contains("[spark-on-eks] Submitted KUBERNETES job spark:" + pod)
                .doesNotContain("test-token");
    }
}
