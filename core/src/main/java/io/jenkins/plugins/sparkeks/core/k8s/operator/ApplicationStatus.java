package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The parts of a SparkApplication's {@code status} we judge by.
 *
 * @param state        {@code status.applicationState.state}; empty for an application the operator has not seen yet
 * @param errorMessage {@code status.applicationState.errorMessage}
 * @param sparkAppId   {@code status.sparkApplicationId}
 * @param driverPod    {@code status.driverInfo.podName}
 * @param uid          the object's uid
 * @param createdAt    the object's creation time
 */
record ApplicationStatus(String state, String errorMessage, String sparkAppId, String driverPod, String uid, Instant createdAt) {

    static ApplicationStatus of(GenericKubernetesResource app) {
        Map<?, ?> status = map(app.getAdditionalProperties().get("status"));
        Map<?, ?> appState = map(status.get("applicationState"));
        Map<?, ?> driverInfo = map(status.get("driverInfo"));
        String state = text(appState.get("state"));
        return new ApplicationStatus(state == null ? "" : state, text(appState.get("errorMessage")),
                text(status.get("sparkApplicationId")), text(driverInfo.get("podName")),
                app.getMetadata().getUid(), time(app.getMetadata().getCreationTimestamp()));
    }

    /**
     * A {@code spark.apache.org} application's common parts. Its status names neither the Spark application id nor
     * the driver pod, so the driver is the one we named in {@code spark.kubernetes.driver.pod.name}, and only once the
     * operator has requested it (before that there is no driver to read).
     */
    static ApplicationStatus ofApache(GenericKubernetesResource app, ApacheStatus apache) {
        Map<?, ?> conf = map(map(app.getAdditionalProperties().get("spec")).get("sparkConf"));
        String podName = text(conf.get("spark.kubernetes.driver.pod.name"));
        boolean requested = apache.history().stream().anyMatch(s -> !s.equals("Submitted") && !s.equals("ScheduledToRestart"))
                || !apache.state().isEmpty() && !apache.state().equals("Submitted") && !apache.state().equals("ScheduledToRestart");
        return new ApplicationStatus(apache.state(), apache.message(), null, requested ? podName : null,
                app.getMetadata().getUid(), time(app.getMetadata().getCreationTimestamp()));
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString();
    }

    private static Instant time(String t) {
        try {
            return t == null ? null : Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
