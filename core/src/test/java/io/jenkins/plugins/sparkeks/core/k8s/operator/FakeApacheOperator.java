package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plays the Apache Spark Kubernetes Operator on the mock API server: appends states to the application's status
 * (through the status subresource, as the operator does), with the transition history and the driver status it
 * last observed, and creates, updates and releases the driver pod named in the application's Spark conf.
 */
final class FakeApacheOperator {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final KubernetesClient client;
    private final String namespace;
    private final OperatorApi api;
    private final DriverPods pods;

    FakeApacheOperator(KubernetesClient client, String namespace, OperatorApi api) {
        this.client = client;
        this.namespace = namespace;
        this.api = api;
        this.pods = new DriverPods(client, namespace);
    }

    /** Submitted, DriverRequested (the pod exists), DriverStarted (it runs). */
    void driverStarted(String app) {
        state(app, "Submitted", "Spark application has been created on Kubernetes Cluster.");
        pods.create(driverPod(app));
        state(app, "DriverRequested", "Requested driver from resource scheduler.");
        pods.running(driverPod(app));
        state(app, "DriverStarted", "Driver has started running.");
    }

    /** The driver exits: the pod terminates and the operator records its status with the next state. */
    void driverExited(String app, String phase, int exitCode, String reason, String nextState, String message) {
        PodStatus status = DriverPods.terminatedStatus(phase, exitCode, reason);
        pods.status(driverPod(app), status);
        write(app, nextState, message, status);
    }

    /** Releases the application's resources (resourceRetainPolicy Never): the driver pod goes, the state says so. */
    void released(String app) {
        pods.delete(driverPod(app));
        state(app, "ResourceReleased", "");
    }

    void state(String app, String state, String message) {
        write(app, state, message, null);
    }

    @SuppressWarnings("unchecked")
    private void write(String app, String state, String message, PodStatus driver) {
        resource(app).editStatus(a -> {
            Map<String, Object> status = a.getAdditionalProperties().get("status") instanceof Map<?, ?> m
                    ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            Map<String, Object> current = new LinkedHashMap<>();
            current.put("currentStateSummary", state);
            current.put("lastTransitionTime", Instant.now().toString());
            current.put("message", message);
            if (driver != null) {
                current.put("lastObservedDriverStatus", JSON.convertValue(driver, Map.class));
            }
            Map<String, Object> history = status.get("stateTransitionHistory") instanceof Map<?, ?> h
                    ? new LinkedHashMap<>((Map<String, Object>) h) : new LinkedHashMap<>();
            history.put(Integer.toString(history.size()), current);
            status.put("currentState", current);
            status.put("stateTransitionHistory", history);
            status.put("currentAttemptSummary", Map.of("attemptInfo", Map.of("id", 0)));
            a.setAdditionalProperty("status", status);
            return a;
        });
    }

    String driverPod(String app) {
        Map<?, ?> spec = (Map<?, ?>) get(app).getAdditionalProperties().get("spec");
        return (String) ((Map<?, ?>) spec.get("sparkConf")).get("spark.kubernetes.driver.pod.name");
    }

    GenericKubernetesResource get(String app) {
        return resource(app).get();
    }

    private Resource<GenericKubernetesResource> resource(String app) {
        return client.genericKubernetesResources(api.context()).inNamespace(namespace).withName(app);
    }

    DriverPods pods() {
        return pods;
    }
}
