package io.jenkins.plugins.sparkeks.core.k8s.submit;

/**
 * A toleration for the driver pod, in Kubernetes terms. Kept free of client types so requests stay plain data.
 *
 * @param key               taint key; null with operator {@code Exists} tolerates every taint
 * @param operator          {@code Equal} (default) or {@code Exists}
 * @param value             taint value for {@code Equal}
 * @param effect            {@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute} or null for all
 * @param tolerationSeconds how long a {@code NoExecute} taint is tolerated; null = forever
 */
public record PodToleration(String key, String operator, String value, String effect, Long tolerationSeconds) {

    public static PodToleration equal(String key, String value, String effect) {
        return new PodToleration(key, "Equal", value, effect, null);
    }

    public static PodToleration exists(String key, String effect) {
        return new PodToleration(key, "Exists", null, effect, null);
    }
}
