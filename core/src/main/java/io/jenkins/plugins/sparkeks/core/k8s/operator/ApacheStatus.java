package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@code spark.apache.org} SparkApplication's status says, read from the object as the operator writes it:
 * {@code status.currentState} (its {@code currentStateSummary}, {@code message}, {@code lastObservedDriverStatus}),
 * the {@code stateTransitionHistory} and {@code spec.applicationTolerations.restartConfig.restartPolicy}.
 *
 * @param state          the current state summary; empty before the operator has seen the application
 * @param message        the current state's message
 * @param history        the state summaries of the current attempt, oldest first
 * @param restartPolicy  the application's restart policy ({@code Never} when unset, as the operator defaults)
 * @param attempt        {@code status.currentAttemptSummary.attemptInfo.id}
 * @param driverStatus   the driver pod status the operator last observed, from the current state or else the latest
 *                       state in the history that has one (a terminated state carries none); null when none
 */
record ApacheStatus(String state, String message, List<String> history, String restartPolicy, long attempt,
        PodStatus driverStatus) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    ApacheStatus {
        history = List.copyOf(history);
    }

    static ApacheStatus of(GenericKubernetesResource app) {
        Map<?, ?> status = map(app.getAdditionalProperties().get("status"));
        Map<?, ?> current = map(status.get("currentState"));
        Map<?, ?> spec = map(app.getAdditionalProperties().get("spec"));
        Map<?, ?> restart = map(map(map(spec.get("applicationTolerations")).get("restartConfig")));
        String policy = text(restart.get("restartPolicy"));
        Object attemptId = map(map(status.get("currentAttemptSummary")).get("attemptInfo")).get("id");
        Map<?, ?> observedDriver = map(current.get("lastObservedDriverStatus"));
        if (observedDriver.isEmpty()) {
            observedDriver = latestObservedDriver(map(status.get("stateTransitionHistory")));
        }
        return new ApacheStatus(orEmpty(text(current.get("currentStateSummary"))), text(current.get("message")),
                history(map(status.get("stateTransitionHistory"))), policy == null ? "Never" : policy,
                attemptId instanceof Number n ? n.longValue() : 0L,
                observedDriver.isEmpty() ? null : SERIALIZATION.convertValue(observedDriver, PodStatus.class));
    }

    /** The history's summaries ordered by their numeric keys (the operator counts them up from 0). */
    private static List<String> history(Map<?, ?> history) {
        TreeMap<Long, String> ordered = new TreeMap<>();
        history.forEach((k, v) -> {
            String summary = text(map(v).get("currentStateSummary"));
            try {
                if (summary != null) {
                    ordered.put(Long.parseLong(k.toString()), summary);
                }
            } catch (NumberFormatException e) {
                // not a key the operator writes; ignore it rather than misorder the rest
            }
        });
        return new ArrayList<>(ordered.values());
    }

    private static Map<?, ?> latestObservedDriver(Map<?, ?> history) {
        TreeMap<Long, Map<?, ?>> observed = new TreeMap<>();
        history.forEach((k, v) -> {
            Map<?, ?> driver = map(map(v).get("lastObservedDriverStatus"));
            try {
                if (!driver.isEmpty()) {
                    observed.put(Long.parseLong(k.toString()), driver);
                }
            } catch (NumberFormatException e) {
                // not a key the operator writes
            }
        });
        return observed.isEmpty() ? Map.of() : observed.lastEntry().getValue();
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
