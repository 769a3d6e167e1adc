package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImage;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same request as a Spark Operator {@code sparkoperator.k8s.io/v1beta2} SparkApplication, named from the
 * submission key so a retried submit finds it. The operator then runs spark-submit itself.
 */
public final class SparkApplicationBuilder implements SparkApplicationFactory {

    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("sparkoperator.k8s.io").withVersion("v1beta2").withKind("SparkApplication")
            .withPlural("sparkapplications").withNamespaced(true).build();

    /** The operator names the driver {@code <app>-driver} and the UI service {@code <app>-ui-svc}: both must fit 63. */
    private static final int MAX_NAME = DriverNames.DNS_LABEL_MAX - "-ui-svc".length();
    private static final int SHORT_ID_LENGTH = 16;

    private final EmrSparkImages images;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    public SparkApplicationBuilder(EmrSparkImages images) {
        this.images = images;
    }

    public SparkApplicationBuilder() {
        this(EmrSparkImages.bundled());
    }

    /** {@code <sanitised app name>-<16 hex of the key>}, at most 56 characters. */
    public static String name(String appName, SubmissionKey key) {
        String suffix = "-" + key.hash(SHORT_ID_LENGTH);
        String app = DriverNames.sanitisedAppName(appName);
        if (app.length() > MAX_NAME - suffix.length()) {
            app = app.substring(0, MAX_NAME - suffix.length()).replaceAll("-+$", "");
        }
        return (app.isEmpty() ? "spark" : app) + suffix;
    }

    @Override
    public ResourceDefinitionContext context() {
        return CONTEXT;
    }

    @Override
    public GenericKubernetesResource build(SparkSubmitRequest request, SubmissionKey key, String region) {
        EmrSparkImage defaultImage = images.imageFor(region, request.emrRelease());
        String image = request.image() != null ? request.image()
                : request.conf().getOrDefault(SparkConfKeys.CONTAINER_IMAGE, defaultImage.uri());
        AppResourceType type = AppResourceType.of(request.primaryResource());

        Map<String, String> labels = new LinkedHashMap<>(request.labels());
        labels.putAll(DriverSpecBuilder.ourLabels(key));

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", switch (type) {
            case JAVA -> "Scala";
            case PYTHON -> "Python";
            case R -> "R";
        });
        spec.put("mode", "cluster");
        spec.put("sparkVersion", request.sparkVersion() != null ? request.sparkVersion()
                : image.equals(defaultImage.uri()) && defaultImage.sparkVersion() != null
                        ? defaultImage.sparkVersion() : DriverSpecBuilder.SPARK_SUBMIT_VERSION);
        spec.put("image", image);
        putIfSet(spec, "imagePullPolicy", request.imagePullPolicy());
        if (!request.imagePullSecrets().isEmpty()) {
            spec.put("imagePullSecrets", request.imagePullSecrets());
        }
        putIfSet(spec, "mainClass", type == AppResourceType.JAVA ? request.mainClass() : null);
        spec.put("mainApplicationFile", request.primaryResource());
        if (!request.appArgs().isEmpty()) {
            spec.put("arguments", request.appArgs());
        }
        if (!request.conf().isEmpty()) {
            spec.put("sparkConf", request.conf());
        }
        Map<String, Object> deps = new LinkedHashMap<>();
        putIfNotEmpty(deps, "jars", request.jars());
        putIfNotEmpty(deps, "files", request.files());
        putIfNotEmpty(deps, "pyFiles", request.pyFiles());
        if (!deps.isEmpty()) {
            spec.put("deps", deps);
        }
        spec.put("restartPolicy", Map.of("type", "Never"));

        Map<String, Object> driver = podSpec(request, request.driverCores(), request.driverMemory(),
                request.driverMemoryOverhead(), labels);
        putIfSet(driver, "serviceAccount", request.serviceAccount());
        if (!request.tolerations().isEmpty()) {
            driver.put("tolerations", request.tolerations().stream().map(SparkApplicationBuilder::toleration).toList());
        }
        putIfSet(driver, "template", podTemplateSpec(request.driverPodTemplate()));
        spec.put("driver", driver);
        Map<String, Object> executor = podSpec(request, request.executorCores(), request.executorMemory(),
                request.executorMemoryOverhead(), request.labels());
        putIfSet(executor, "instances", request.executorInstances());
        putIfSet(executor, "template", podTemplateSpec(request.executorPodTemplate()));
        spec.put("executor", executor);

        return new GenericKubernetesResourceBuilder()
                .withApiVersion(CONTEXT.getGroup() + "/" + CONTEXT.getVersion())
                .withKind(CONTEXT.getKind())
                .withNewMetadata()
                    .withName(name(request.appName(), key))
                    .withNamespace(request.namespace())
                    .withLabels(labels)
                    .withAnnotations(request.annotations())
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    /** A Pod manifest as the operator's {@code template} field (a PodTemplateSpec), or null without one. */
    private Map<?, ?> podTemplateSpec(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return null;
        }
        Pod template = serialization.unmarshal(yaml, Pod.class);
        Map<String, Object> templateSpec = new LinkedHashMap<>();
        putIfSet(templateSpec, "metadata", template.getMetadata());
        putIfSet(templateSpec, "spec", template.getSpec());
        return serialization.convertValue(templateSpec, Map.class);
    }

    private static Map<String, Object> podSpec(SparkSubmitRequest r, Integer cores, String memory, String overhead,
            Map<String, String> labels) {
        Map<String, Object> pod = new LinkedHashMap<>();
        putIfSet(pod, "cores", cores);
        putIfSet(pod, "memory", memory);
        putIfSet(pod, "memoryOverhead", overhead);
        if (!labels.isEmpty()) {
            pod.put("labels", labels);
        }
        if (!r.annotations().isEmpty()) {
            pod.put("annotations", r.annotations());
        }
        if (!r.env().isEmpty()) {
            List<Map<String, String>> env = new ArrayList<>();
            r.env().forEach((k, v) -> env.add(Map.of("name", k, "value", v)));
            pod.put("env", env);
        }
        if (!r.nodeSelector().isEmpty()) {
            pod.put("nodeSelector", r.nodeSelector());
        }
        return pod;
    }

    private static Map<String, Object> toleration(PodToleration t) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "key", t.key());
        putIfSet(m, "operator", t.operator());
        putIfSet(m, "value", t.value());
        putIfSet(m, "effect", t.effect());
        putIfSet(m, "tolerationSeconds", t.tolerationSeconds());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, values);
        }
    }

    /** The label value every SparkApplication we create carries; used to tell ours from a same-named one. */
    static String keyLabel(GenericKubernetesResource app) {
        Map<String, String> labels = app.getMetadata().getLabels();
        return labels == null ? null : labels.get(SparkLabels.SUBMISSION_KEY);
    }
}
