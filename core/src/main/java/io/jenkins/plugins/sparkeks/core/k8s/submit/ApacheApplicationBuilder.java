package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImage;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request as an Apache Spark Kubernetes Operator ({@code spark.apache.org}) SparkApplication. That operator
 * runs Spark's own driver builder from {@code spec.sparkConf}, so the request becomes the Spark conf spark-submit
 * would hold ({@link SubmitConf}), less what the operator sets itself (master, deploy mode, namespace), plus the
 * primary resource in the field the operator reads for each language and the pod templates it merges.
 */
public final class ApacheApplicationBuilder implements SparkApplicationFactory {

    /** The operator's PythonRunner path takes the first {@code pyFiles} entry as the primary resource. */
    static final String PYTHON_RUNNER = "org.apache.spark.deploy.PythonRunner";

    private final ResourceDefinitionContext context;
    private final Retention retention;
    private final EmrSparkImages images;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /**
     * @param context   the {@code spark.apache.org} version the cluster serves
     * @param retention what the job's retention asks for, expressed as the operator's resourceRetainPolicy
     */
    public ApacheApplicationBuilder(ResourceDefinitionContext context, Retention retention, EmrSparkImages images) {
        this.context = Objects.requireNonNull(context, "context");
        this.retention = retention == null ? Retention.KEEP_ON_FAILURE : retention;
        this.images = Objects.requireNonNull(images, "images");
    }

    public ApacheApplicationBuilder(ResourceDefinitionContext context, Retention retention) {
        this(context, retention, EmrSparkImages.bundled());
    }

    /**
     * Our retention as the operator's policy for the pods after the application stops: {@code Never} releases
     * them, {@code OnFailure} keeps a failed application's, {@code Always} keeps them. Deleting the SparkApplication
     * itself stays with the watch, which first reads the outcome and drains the driver log.
     */
    public static String resourceRetainPolicy(Retention retention) {
        return switch (retention) {
            case DELETE -> "Never";
            case KEEP -> "Always";
            case KEEP_ON_FAILURE -> "OnFailure";
        };
    }

    @Override
    public ResourceDefinitionContext context() {
        return context;
    }

    @Override
    public GenericKubernetesResource build(SparkSubmitRequest request, SubmissionKey key, String region) {
        EmrSparkImage defaultImage = images.imageFor(region, request.emrRelease());
        String name = SparkApplicationBuilder.name(request.appName(), key);
        Map<String, String> conf = new LinkedHashMap<>(
                SubmitConf.resolve(request, defaultImage.uri(), "https://kubernetes.default.svc", 0L, key.hash(32)).values());
        // the operator decides these for the pods it creates
        conf.remove(SparkConfKeys.MASTER);
        conf.remove(SparkConfKeys.DEPLOY_MODE);
        conf.remove(SparkConfKeys.NAMESPACE);
        conf.remove(SparkConfKeys.SUBMIT_TIME);
        if (conf.getOrDefault(SparkConfKeys.PY_FILES, "").isEmpty()) {
            conf.remove(SparkConfKeys.PY_FILES);
        }
        // a predictable driver name, as the other modes have, so the log can be followed before the status names it
        conf.putIfAbsent(SparkConfKeys.DRIVER_POD_NAME, name + "-driver");
        String image = conf.get(SparkConfKeys.CONTAINER_IMAGE);

        Map<String, Object> spec = new LinkedHashMap<>();
        AppResourceType type = AppResourceType.of(request.primaryResource());
        switch (type) {
            case JAVA -> {
                putIfSet(spec, "mainClass", request.mainClass());
                spec.put("jars", request.primaryResource());
            }
            case PYTHON -> {
                List<String> py = new ArrayList<>();
                py.add(request.primaryResource());
                py.addAll(SubmitConf.normalised(request.pyFiles()));
                spec.put("mainClass", PYTHON_RUNNER);
                spec.put("pyFiles", String.join(",", py));
            }
            case R -> spec.put("sparkRFiles", request.primaryResource());
        }
        if (!request.appArgs().isEmpty()) {
            spec.put("driverArgs", request.appArgs());
        }
        spec.put("sparkConf", conf);
        spec.put("runtimeVersions", Map.of("sparkVersion", request.sparkVersion() != null ? request.sparkVersion()
                : Objects.equals(image, defaultImage.uri()) && defaultImage.sparkVersion() != null
                        ? defaultImage.sparkVersion() : DriverSpecBuilder.SPARK_SUBMIT_VERSION));
        Map<String, Object> tolerations = new LinkedHashMap<>();
        tolerations.put("restartConfig", Map.of("restartPolicy", "Never"));
        tolerations.put("resourceRetainPolicy", resourceRetainPolicy(retention));
        spec.put("applicationTolerations", tolerations);
        putIfSet(spec, "driverSpec", templateSpec(request.driverPodTemplate(), request.tolerations()));
        putIfSet(spec, "executorSpec", templateSpec(request.executorPodTemplate(), List.of()));

        Map<String, String> labels = new LinkedHashMap<>(request.labels());
        labels.putAll(DriverSpecBuilder.ourLabels(key));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(context.getGroup() + "/" + context.getVersion())
                .withKind(context.getKind())
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(request.namespace())
                    .withLabels(labels)
                    .withAnnotations(request.annotations())
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    /** {@code {podTemplateSpec: {metadata, spec}}} from a Pod manifest, with the driver's tolerations added; null when empty. */
    private Map<?, ?> templateSpec(String yaml, List<PodToleration> extraTolerations) {
        boolean noTemplate = yaml == null || yaml.isBlank();
        if (noTemplate && extraTolerations.isEmpty()) {
            return null;
        }
        Pod pod = noTemplate ? new Pod() : serialization.unmarshal(yaml, Pod.class);
        if (!extraTolerations.isEmpty()) {
            if (pod.getSpec() == null) {
                pod.setSpec(new PodSpec());
            }
            List<Toleration> all = new ArrayList<>(pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations());
            extraTolerations.forEach(t -> all.add(new Toleration(t.effect(), t.key(), t.operator(), t.tolerationSeconds(), t.value())));
            pod.getSpec().setTolerations(all);
        }
        Map<String, Object> template = new LinkedHashMap<>();
        putIfSet(template, "metadata", pod.getMetadata());
        putIfSet(template, "spec", pod.getSpec());
        return Map.of("podTemplateSpec", serialization.convertValue(template, Map.class));
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
