package io.jenkins.plugins.sparkeks.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The driver and executor pods' less common settings, grouped to keep {@link SparkSubmitDefinition} readable.
 *
 * @param emrRelease             EMR release whose Spark image is the default image
 * @param driverMemoryOverhead   {@code spark.driver.memoryOverhead}
 * @param executorMemoryOverhead {@code spark.executor.memoryOverhead}
 * @param labels                 pod labels
 * @param annotations            pod annotations
 * @param env                    environment variables
 * @param driverPodTemplate      a Pod as YAML text to start the driver pod from
 * @param nodeSelector           node selector
 * @param tolerations            driver tolerations, each with keys key, operator, value, effect, tolerationSeconds
 * @param imagePullPolicy        {@code Always}, {@code IfNotPresent} or {@code Never}
 * @param imagePullSecrets       image pull secret names
 * @param sparkVersion           value of the spark-version label
 * @param sparkUser              {@code SPARK_USER} of the driver
 */
public record PodSettings(
        String emrRelease,
        String driverMemoryOverhead,
        String executorMemoryOverhead,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> env,
        String driverPodTemplate,
        Map<String, String> nodeSelector,
        List<Map<String, String>> tolerations,
        String imagePullPolicy,
        List<String> imagePullSecrets,
        String sparkVersion,
        String sparkUser)
        implements Serializable {

    /** Environment values may be secrets; only names are shown. */
    @Override
    public String toString() {
        return "PodSettings[emrRelease=" + emrRelease + ", labels=" + labels + ", env keys=" + env.keySet()
                + ", nodeSelector=" + nodeSelector + ", imagePullPolicy=" + imagePullPolicy + "]";
    }

    public PodSettings {
        labels = Copies.map(labels);
        annotations = Copies.map(annotations);
        env = Copies.map(env);
        nodeSelector = Copies.map(nodeSelector);
        List<Map<String, String>> t = new ArrayList<>();
        if (tolerations != null) {
            tolerations.forEach(m -> t.add(Copies.map(m)));
        }
        tolerations = Collections.unmodifiableList(t);
        imagePullSecrets = Copies.list(imagePullSecrets);
    }
}
