package io.jenkins.plugins.sparkeks.steps;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.util.List;

/** Plays the kubelet for driver pods in a CRUD mock API server: moves them to Running and to their end. */
final class KubernetesDriverPods {

    private final KubernetesClient client;
    private final String namespace;

    KubernetesDriverPods(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    List<Pod> drivers() {
        return client.pods()
                .inNamespace(namespace)
                .withLabel(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)
                .list()
                .getItems();
    }

    void running(String pod) {
        client.pods()
                .inNamespace(namespace)
                .withName(pod)
                .editStatus(p -> new PodBuilder(p)
                        .editOrNewStatus()
                        .withPhase("Running")
                        .withContainerStatuses()
                        .addNewContainerStatus()
                        .withName(SparkLabels.DRIVER_CONTAINER)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt("2026-11-21T12:00:00Z")
                        .endRunning()
                        .endState()
                        .endContainerStatus()
                        .endStatus()
                        .build());
    }

    void terminated(String pod, String phase, int exitCode, String reason) {
        terminated(pod, phase, exitCode, reason, null);
    }

    /** As the kubelet reports a driver that ended with {@code message} (on the pod and on its container). */
    void terminated(String pod, String phase, int exitCode, String reason, String message) {
        client.pods()
                .inNamespace(namespace)
                .withName(pod)
                .editStatus(p -> new PodBuilder(p)
                        .editOrNewStatus()
                        .withPhase(phase)
                        .withMessage(message)
                        .withContainerStatuses()
                        .addNewContainerStatus()
                        .withName(SparkLabels.DRIVER_CONTAINER)
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(reason)
                        .withMessage(message)
                        .withStartedAt("2026-11-21T12:00:00Z")
                        .withFinishedAt("2026-11-21T12:01:00Z")
                        .endTerminated()
                        .endState()
                        .endContainerStatus()
                        .endStatus()
                        .build());
    }

    /** A kubeconfig that reaches the mock server; what a user stores as a secret file credential. */
    static String kubeconfig(KubernetesClient client) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: ci
                  user:
                    token: test-token
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: ci
                current-context: mock
                """.formatted(client.getConfiguration().getMasterUrl());
    }
}
