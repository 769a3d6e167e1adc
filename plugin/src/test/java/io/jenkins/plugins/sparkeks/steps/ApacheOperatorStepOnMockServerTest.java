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
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

/**
 * {@code sparkSubmitEks(mode: 'operator')} on a mock API server where first only the Apache Spark Kubernetes
 * Operator is installed, then both operators: what the build console shows in each case.
 */
@EnableKubernetesMockClient(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the second test adds the Kubeflow CRD to the shared server
class ApacheOperatorStepOnMockServerTest {

    static KubernetesClient client;

    static final ResourceDefinitionContext APACHE = new ResourceDefinitionContext.Builder()
            .withGroup("spark.apache.org")
            .withVersion("v1")
            .withKind("SparkApplication")
            .withPlural("sparkapplications")
            .withNamespaced(true)
            .build();

    /** Each failure the operator reports ends the build naming its cause, as the console shows it. */
    @ParameterizedTest(name = "{0}")
    @Order(1)
    @CsvSource(
            delimiter = '|',
            value = {
                "DriverStartTimedOut | Driver has not started within 300000 millis. | driverStartTimeoutMillis",
                "DriverReadyTimedOut | Driver has not become ready within 300000 millis. | driverReadyTimeoutMillis",
                "ExecutorsStartTimedOut | Executors have not started within 300000 millis. | minExecutors",
                "SchedulingFailure | pods is forbidden: exceeded quota: compute-resources | quota or RBAC",
                "DriverEvicted | The node was low on resource: memory. | was evicted",
            })
    void anApacheApplicationThatTheOperatorFailsFailsTheBuildNamingTheCause(String state, String message, String named)
            throws Exception {
        installCrd("spark.apache.org", "v1");
        SparkSubmitEksStep spec = KubeconfigStepHarness.sparkPi();
        spec.setMode("operator");
        KubeconfigStepHarness step = new KubeconfigStepHarness(client, "etl/asf-" + state, 3, spec);
        SparkJobStepExecution execution = step.execution;
        StepContext context = step.context;

        assertThat(execution.start()).isFalse();
        var apps = client.genericKubernetesResources(APACHE).inNamespace("spark");
        await().atMost(Duration.ofSeconds(30)).until(() -> execution.reference() != null);
        String name = execution.reference().displayId().substring("spark:sparkapplication/".length());
        apps.withName(name).editStatus(app -> withState(app, "Submitted", ""));
        apps.withName(name)
                .editStatus(app -> withState(app, "DriverRequested", "Requested driver from resource scheduler."));
        apps.withName(name).editStatus(app -> withState(app, state, message));

        verify(context, timeout(30_000)).onFailure(any());
        verify(context, never()).onSuccess(any());
        String console = step.console();
        System.out.println("[asf-step-console]\n" + console);
        assertThat(console)
                .contains("spark.apache.org/v1", "Apache Spark Kubernetes Operator")
                .contains("Spark job FAILED (" + state + ")", named, message);
    }

    @Test
    @Order(2)
    void withBothOperatorsInstalledModeOperatorFailsBeforeCreatingAnything() throws Exception {
        installCrd("spark.apache.org", "v1");
        installCrd("sparkoperator.k8s.io", "v1beta2");
        SparkSubmitEksStep spec = KubeconfigStepHarness.sparkPi();
        spec.setMode("operator");
        KubeconfigStepHarness step = new KubeconfigStepHarness(client, "etl/both", 1, spec);
        StepContext context = step.context;
        int before = client.genericKubernetesResources(APACHE)
                .inNamespace("spark")
                .list()
                .getItems()
                .size();

        step.execution.start();
        ArgumentCaptor<Throwable> failure = ArgumentCaptor.forClass(Throwable.class);
        verify(context, timeout(30_000)).onFailure(failure.capture());
        // Jenkins prints the failure's message under the console as "ERROR: ..."
        System.out.println("[asf-step-console]\n" + step.console() + "ERROR: "
                + failure.getValue().getMessage());
        assertThat(failure.getValue().getMessage())
                .contains("mode", "'operator-kubeflow'", "'operator-apache'", "sparkapplications.spark.apache.org");
        assertThat(client.genericKubernetesResources(APACHE)
                        .inNamespace("spark")
                        .list()
                        .getItems())
                .as("nothing new was created")
                .hasSize(before);
    }

    @SuppressWarnings("unchecked")
    private static GenericKubernetesResource withState(GenericKubernetesResource app, String state, String message) {
        Map<String, Object> status = app.getAdditionalProperties().get("status") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        Map<String, Object> history = status.get("stateTransitionHistory") instanceof Map<?, ?> h
                ? new LinkedHashMap<>((Map<String, Object>) h)
                : new LinkedHashMap<>();
        Map<String, Object> current = Map.of(
                "currentStateSummary",
                state,
                "lastTransitionTime",
                Instant.now().toString(),
                "message",
                message);
        history.put(Integer.toString(history.size()), current);
        status.put("currentState", current);
        status.put("stateTransitionHistory", history);
        app.setAdditionalProperty("status", status);
        return app;
    }

    private static void installCrd(String group, String version) {
        if (client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("sparkapplications." + group)
                        .get()
                != null) {
            return;
        }
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
                        .withNewSubresources()
                        .withNewStatus()
                        .endStatus()
                        .endSubresources()
                        .endVersion()
                        .endSpec()
                        .build())
                .create();
    }
}
