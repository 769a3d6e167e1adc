package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plays the Spark Operator's part on the mock API server: writes application status and the driver pod. */
final class FakeSparkOperator {

    private final KubernetesClient client;
    private final String namespace;
    private final DriverPods pods;

    FakeSparkOperator(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.pods = new DriverPods(client, namespace);
    }

    /** The operator submitted the app: the driver pod exists and runs, the status names it. */
    void running(String app) {
        pods.create(app + "-driver");
        pods.running(app + "-driver");
        state(app, "RUNNING", null);
    }

    void driverExited(String app, String phase, int exitCode, String reason) {
        pods.terminated(app + "-driver", phase, exitCode, reason);
    }

    void state(String app, String state, String errorMessage) {
        write(app, state, errorMessage, true);
    }

    /** A state the operator writes before any driver exists (spark-submit itself failed). */
    void stateWithoutDriver(String app, String state, String errorMessage) {
        write(app, state, errorMessage, false);
    }

    private void write(String app, String state, String errorMessage, boolean driverNamed) {
        client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT).inNamespace(namespace).withName(app).edit(a -> {
            Map<String, Object> appState = new LinkedHashMap<>();
            appState.put("state", state);
            if (errorMessage != null) {
                appState.put("errorMessage", errorMessage);
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("applicationState", appState);
            if (driverNamed) {
                status.put("sparkApplicationId", "spark-" + app);
                status.put("driverInfo", Map.of("podName", app + "-driver"));
            }
            a.setAdditionalProperty("status", status);
            return a;
        });
    }

    GenericKubernetesResource get(String app) {
        return client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT).inNamespace(namespace).withName(app).get();
    }

    DriverPods pods() {
        return pods;
    }
}
