package io.jenkins.plugins.sparkeks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
import java.time.Duration;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * {@code sparkSubmitEks(mode: 'operator')} end to end on the core Spark Operator backend against a CRUD
 * Kubernetes mock API server; the test plays the operator by writing the SparkApplication's status.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorStepOnMockServerTest {

    static KubernetesClient client;

    @Test
    @SuppressWarnings("unchecked")
    void aSparkApplicationIsCreatedFollowedAndJudged() throws Exception {
        installCrd("sparkoperator.k8s.io", "v1beta2");
        SparkSubmitEksStep spec = KubeconfigStepHarness.sparkPi();
        spec.setMode("operator");
        KubeconfigStepHarness step = new KubeconfigStepHarness(client, "etl/op", 2, spec);
        SparkJobStepExecution execution = step.execution;
        StepContext context = step.context;

        assertThat(execution.start()).isFalse();
        var apps = client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT)
                .inNamespace("spark");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> apps.list().getItems().size() == 1 && execution.reference() != null);
        String name = apps.list().getItems().get(0).getMetadata().getName();
        apps.withName(name).edit(app -> withState(app, name, "RUNNING"));
        apps.withName(name).edit(app -> withState(app, name, "COMPLETED"));

        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(context, timeout(30_000)).onSuccess(value.capture());
        verify(context, never()).onFailure(any());
        assertThat((Map<String, Object>) value.getValue())
                .containsEntry("backend", "SPARK_OPERATOR")
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("nativeState", "COMPLETED")
                .containsEntry("sparkAppId", "spark-" + name)
                .containsEntry("driverPod", name + "-driver");
        assertThat(execution.reference().displayId()).isEqualTo("spark:sparkapplication/" + name);
        assertThat(step.console()).doesNotContain("test-token", "cannot be followed");
        assertThat(apps.list().getItems()).as("mode operator submits once").hasSize(1);
    }

    /** Only the Kubeflow CRD is installed, so mode 'operator' picks it (from API discovery, as on a real cluster). */
    private static void installCrd(String group, String version) {
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName("sparkapplications." + group)
                        .endMetadata()
                        .withNewSpec()
                        .withGroup(group)
                        .withScope("Namespaced")
                        .withNewNames()
                        .withKind("SparkApplication")
                        .withPlural("sparkapplications")
                        .endNames()
                        .addNewVersion()
                        .withName(version)
                        .withServed(true)
                        .withStorage(true)
                        .endVersion()
                        .endSpec()
                        .build())
                .create();
    }

    private static GenericKubernetesResource withState(GenericKubernetesResource app, String name, String state) {
        app.setAdditionalProperty(
                "status",
                Map.of(
                        "applicationState", Map.of("state", state),
                        "sparkApplicationId", "spark-" + name,
                        "driverInfo", Map.of("podName", name + "-driver")));
        return app;
    }
}
