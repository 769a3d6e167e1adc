package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three objects spark-submit creates for one application, built but not yet sent.
 *
 * @param names           the names they carry
 * @param pod             the driver pod
 * @param configMap       the immutable ConfigMap holding {@code spark.properties}
 * @param service         the headless driver Service
 * @param executorTemplateConfigMap the ConfigMap carrying the executor pod template, or null without one
 * @param sparkProperties the driver's resolved Spark configuration (what {@code spark.properties} holds)
 */
public record DriverSpec(
        DriverNames names, Pod pod, ConfigMap configMap, Service service, ConfigMap executorTemplateConfigMap,
        Map<String, String> sparkProperties) {

    /** What is created after the pod and owned by it, in spark-submit's order. */
    public List<HasMetadata> ownedByDriver() {
        List<HasMetadata> owned = new ArrayList<>();
        owned.add(service);
        if (executorTemplateConfigMap != null) {
            owned.add(executorTemplateConfigMap);
        }
        owned.add(configMap);
        return owned;
    }

    /** Never prints the objects: the ConfigMap holds the user's conf, secrets included. */
    @Override
    public String toString() {
        return "DriverSpec[pod=" + names.podName() + ", configMap=" + names.configMapName()
                + ", service=" + names.serviceName() + "]";
    }
}
