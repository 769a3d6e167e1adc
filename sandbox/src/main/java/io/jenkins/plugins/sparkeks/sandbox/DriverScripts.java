package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Chooses what a new driver pod does: the first matching rule's script wins; otherwise the pod runs its Spark
 * application for real when {@link #realSpark(SparkRuntime)} was called, else plays the default script. Rules
 * can be added while the sandbox runs (tests add one per case).
 */
public final class DriverScripts {

    private record Rule(Predicate<Pod> matches, DriverScript script) {}

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile DriverScript fallback = DriverScript.sparkPi();
    private volatile SparkRuntime realSpark;

    /** Plays {@code script} for driver pods whose {@code spark-app-name} label is {@code appName}. */
    public DriverScripts forAppName(String appName, DriverScript script) {
        Objects.requireNonNull(appName, "appName");
        return when(pod -> appName.equals(label(pod, SparkLabels.SPARK_APP_NAME)), script);
    }

    /** Plays {@code script} for driver pods whose first container's image contains {@code fragment}. */
    public DriverScripts forImageContaining(String fragment, DriverScript script) {
        return when(pod -> pod.getSpec() != null && !pod.getSpec().getContainers().isEmpty()
                && String.valueOf(pod.getSpec().getContainers().get(0).getImage()).contains(fragment), script);
    }

    public DriverScripts when(Predicate<Pod> matches, DriverScript script) {
        rules.add(new Rule(Objects.requireNonNull(matches), Objects.requireNonNull(script)));
        return this;
    }

    public DriverScripts byDefault(DriverScript script) {
        this.fallback = Objects.requireNonNull(script);
        return this;
    }

    /**
     * Driver pods no rule matches run their application for real on {@code runtime} (Spark in local mode, see
     * {@link KubernetesSandbox}) instead of playing the default script.
     */
    public DriverScripts realSpark(SparkRuntime runtime) {
        this.realSpark = Objects.requireNonNull(runtime);
        return this;
    }

    /** The script for {@code pod}, or empty when it runs for real. */
    Optional<DriverScript> scriptFor(Pod pod) {
        for (Rule rule : rules) {
            if (rule.matches().test(pod)) {
                return Optional.of(rule.script());
            }
        }
        return realSpark == null ? Optional.of(fallback) : Optional.empty();
    }

    /** The runtime pods without a script run on; null in the scripted-only sandbox. */
    SparkRuntime realSparkRuntime() {
        return realSpark;
    }

    private static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
