package io.jenkins.plugins.sparkeks.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The driver Pod, conf ConfigMap and Service one submission left in a namespace, as the API server stored them,
 * turned into comparable JSON: server-assigned fields dropped and {@code spark.properties} parsed into a sorted map.
 */
record SubmittedObjects(Pod pod, ConfigMap configMap, Service service, ConfigMap executorTemplate) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Set by the API server, or random per run. */
    private static final List<String> SERVER_FIELDS =
            List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink");

    static SubmittedObjects in(KubernetesClient client, String namespace) {
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        List<ConfigMap> maps = client.configMaps().inNamespace(namespace).list().getItems().stream()
                .filter(c -> c.getMetadata().getName().startsWith("spark-drv-")).toList();
        List<ConfigMap> templates = client.configMaps().inNamespace(namespace).list().getItems().stream()
                .filter(c -> c.getMetadata().getName().endsWith("-driver-podspec-conf-map")).toList();
        List<Service> services = client.services().inNamespace(namespace).list().getItems();
        if (pods.size() != 1 || maps.size() != 1 || services.size() != 1 || templates.size() > 1) {
            throw new AssertionError("expected one driver pod, conf ConfigMap and Service in " + namespace + ", found "
                    + pods.size() + " / " + maps.size() + " / " + services.size());
        }
        return new SubmittedObjects(pods.get(0), maps.get(0), services.get(0), templates.isEmpty() ? null : templates.get(0));
    }

    String appId() {
        return pod.getMetadata().getLabels().get("spark-app-selector");
    }

    String podName() {
        return pod.getMetadata().getName();
    }

    String localDirs() {
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getEnv().stream())
                .filter(e -> e.getName().equals("SPARK_LOCAL_DIRS"))
                .map(EnvVar::getValue).findFirst().orElseThrow();
    }

    /** The three objects as one JSON document, after {@code rename} replaced run-specific strings. */
    JsonNode normalised(Map<String, String> rename, List<String> droppedProperties, Map<String, List<String>> droppedLabels) {
        Map<String, Object> objects = new TreeMap<>(Map.of("pod", pod, "configMap", configMap, "service", service));
        if (executorTemplate != null) {
            objects.put("executorTemplateConfigMap", executorTemplate);
        }
        String text = SERIALIZATION.asJson(objects);
        for (Map.Entry<String, String> r : rename.entrySet()) {
            text = text.replace(r.getKey(), r.getValue());
        }
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(text);
            for (String kind : objects.keySet()) {
                ObjectNode object = (ObjectNode) root.get(kind);
                object.remove("status");
                ObjectNode meta = (ObjectNode) object.get("metadata");
                SERVER_FIELDS.forEach(meta::remove);
                if (meta.has("ownerReferences")) {
                    meta.get("ownerReferences").forEach(ref -> ((ObjectNode) ref).remove("uid"));
                }
                if (meta.has("labels")) {
                    droppedLabels.getOrDefault(kind, List.of()).forEach(((ObjectNode) meta.get("labels"))::remove);
                    if (meta.get("labels").isEmpty()) {
                        meta.remove("labels");
                    }
                }
            }
            ObjectNode data = (ObjectNode) root.get("configMap").get("data");
            Map<String, String> properties = properties(data.get("spark.properties").asText());
            String header = data.get("spark.properties").asText().lines().findFirst().orElse("");
            properties.put("spark.app.submitTime", "<submit time>");
            droppedProperties.forEach(properties::remove);
            data.set("spark.properties", JSON.valueToTree(properties));
            data.put("spark.properties header", header);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> properties(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }
}
