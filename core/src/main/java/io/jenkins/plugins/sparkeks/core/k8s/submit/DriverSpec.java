package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
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
 * @param sparkProperties the driver's resolved Spark configuration without secret values (what the ConfigMap's
 *                        {@code spark.properties} holds)
 * @param secret          the Secret holding secret conf (a complete {@code spark.properties} the driver reads
 *                        instead of the ConfigMap's) and secret env values, or null when the request has none
 */
public record DriverSpec(
        DriverNames names, Pod pod, ConfigMap configMap, Service service, ConfigMap executorTemplateConfigMap,
        Map<String, String> sparkProperties, Secret secret) {

    /**
     * What is created after the pod and owned by it, in spark-submit's order; the Secret first, so the kubelet,
     * which retries until it exists, starts the driver as soon as possible.
     */
    public List<HasMetadata> ownedByDriver() {
        List<HasMetadata> owned = new ArrayList<>();
        if (secret != null) {
            owned.add(secret);
        }
        owned.add(service);
        if (executorTemplateConfigMap != null) {
            owned.add(executorTemplateConfigMap);
        }
        owned.add(configMap);
        return owned;
    }

    /** Never prints the objects: the ConfigMap holds the user's conf, the Secret their secrets. */
    @Override
    public String toString() {
        return "DriverSpec[pod=" + names.podName() + ", configMap=" + names.configMapName()
                + ", service=" + names.serviceName() + "]";
    }
}
