package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static io.jenkins.plugins.sparkeks.core.k8s.submit.SparkConfKeys.*;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImage;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImages;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds, without any remote call, the driver Pod, {@code spark.properties} ConfigMap and headless Service that
 * {@code spark-submit --deploy-mode cluster} would create for the same input (3.5, or 4.0 where the target Spark
 * version's rules differ), feature step by feature step
 * (basic driver, service account, service, command, local dirs, conf volume). Spark's random ids are replaced by
 * ids derived from the submission key; the conformance module checks the rest against the real spark-submit.
 */
public final class DriverSpecBuilder {

    /** The spark-submit whose output this builder reproduces, and the default {@code spark-version} label. */
    public static final String SPARK_SUBMIT_VERSION = "3.5.6";

    static final String CONF_DIR = "/opt/spark/conf";
    static final String CONF_FILE = "spark.properties";
    static final String CONF_VOLUME = "spark-conf-volume-driver";
    static final int DEFAULT_DRIVER_PORT = 7078;
    static final int DEFAULT_BLOCK_MANAGER_PORT = 7079;
    static final int DEFAULT_UI_PORT = 4040;
    static final long MIN_OVERHEAD_MIB = 384;
    static final String EXECUTOR_TEMPLATE_FILE = "spark.kubernetes.executor.podTemplateFile";
    static final String EXECUTOR_TEMPLATE_DIR = "/opt/spark/pod-template";
    static final String EXECUTOR_TEMPLATE_FILE_NAME = "pod-spec-template.yml";
    static final String EXECUTOR_TEMPLATE_VOLUME = "pod-template-volume";
    static final String EXECUTOR_TEMPLATE_KEY = "podspec-configmap-key";
    static final String EXECUTOR_SECRET_KEY_REF_PREFIX = "spark.kubernetes.executor.secretKeyRef.";
    /** 0644: how spark-submit mounts the properties file. */
    private static final int CONF_FILE_MODE = 420;

    private final Clock clock;
    private final EmrSparkImages images;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    public DriverSpecBuilder(Clock clock, EmrSparkImages images) {
        this.clock = clock;
        this.images = images;
    }

    public DriverSpecBuilder() {
        this(Clock.systemUTC(), EmrSparkImages.bundled());
    }

    /**
     * @param request      a request that passed {@link SparkSubmitValidator}
     * @param key          decides every name and id
     * @param apiServerUrl the API server URL, written into {@code spark.master} as spark-submit does
     * @param region       the cluster's AWS region for the default image; null outside AWS
     */
    public DriverSpec build(SparkSubmitRequest request, SubmissionKey key, String apiServerUrl, String region) {
        Instant now = clock.instant();
        DriverNames names = DriverNames.of(request.appName(), key);
        EmrSparkImage defaultImage = images.imageFor(region, request.emrRelease());
        SubmitConf conf = SubmitConf.resolve(
                request, defaultImage.uri(), apiServerUrl, now.toEpochMilli(), key.hash(32));
        String sparkVersion = sparkVersionLabel(request, conf, defaultImage);
        // one place decides the release whose rules apply, the same that names it in the spark-version label
        SparkVersion target = SparkVersion.parseOrDefault(sparkVersion);
        AppResourceType type = AppResourceType.of(request.primaryResource());

        Map<String, String> labels = driverLabels(conf, names, sparkVersion);
        Map<String, String> properties = new TreeMap<>(conf.values());
        properties.putAll(systemProperties(conf, names, type, request.namespace()));
        if (hasText(request.executorPodTemplate())) {
            properties.put(EXECUTOR_TEMPLATE_FILE, EXECUTOR_TEMPLATE_DIR + "/" + EXECUTOR_TEMPLATE_FILE_NAME);
        }
        // executors get secret env the way Spark gives them env from any Secret: by reference, resolved by the kubelet
        request.secretEnv().keySet().forEach(name ->
                properties.put(EXECUTOR_SECRET_KEY_REF_PREFIX + name, names.secretName() + ":" + secretEnvKey(name)));

        Pod template = templatePod(request.driverPodTemplate());
        Container container = selectContainer(template, conf.get(TEMPLATE_CONTAINER_NAME).orElse(null));
        PodSpec spec = template.getSpec();

        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        meta.setName(names.podName());
        meta.setNamespace(request.namespace());
        meta.setLabels(merged(meta.getLabels(), labels));
        Map<String, String> annotations = new LinkedHashMap<>();
        conf.withPrefix(DRIVER_ANNOTATION_PREFIX).forEach((k, v) -> annotations.put(k, substituteAppId(v, names.appId())));
        meta.setAnnotations(merged(meta.getAnnotations(), annotations));

        configureBasicDriver(container, spec, conf, names, request, target);
        request.secretEnv().keySet().forEach(name -> container.getEnv().add(new EnvVarBuilder().withName(name)
                .withNewValueFrom()
                    .withNewSecretKeyRef().withName(names.secretName()).withKey(secretEnvKey(name)).endSecretKeyRef()
                .endValueFrom()
                .build()));
        conf.get(DRIVER_SERVICE_ACCOUNT).ifPresent(sa -> {
            spec.setServiceAccount(sa);
            spec.setServiceAccountName(sa);
        });
        configureCommand(container, conf, request, type);
        ConfigMap executorTemplate = configureExecutorTemplate(container, spec, names, request, key);
        configureLocalDirs(container, spec, conf, key);
        // what Client.run adds last: the conf dir env, the conf volume, and the driver container after any sidecars
        container.getEnv().add(env("SPARK_CONF_DIR", CONF_DIR));
        container.getVolumeMounts().add(new VolumeMountBuilder().withName(CONF_VOLUME).withMountPath(CONF_DIR).build());
        spec.getContainers().add(container);
        Secret secret = secret(request, names, properties, key, now);
        spec.getVolumes().add(request.secretConf().isEmpty()
                ? new VolumeBuilder().withName(CONF_VOLUME)
                        .withNewConfigMap()
                            .withName(names.configMapName())
                            .withItems(new KeyToPath(CONF_FILE, CONF_FILE_MODE, CONF_FILE))
                        .endConfigMap()
                        .build()
                // Spark reads one properties file: with secret conf, the complete one lives in the Secret
                : new VolumeBuilder().withName(CONF_VOLUME)
                        .withNewSecret()
                            .withSecretName(names.secretName())
                            .withItems(new KeyToPath(CONF_FILE, CONF_FILE_MODE, CONF_FILE))
                        .endSecret()
                        .build());
        for (PodToleration t : request.tolerations()) {
            spec.getTolerations().add(toleration(t));
        }
        Pod pod = new PodBuilder(template).withMetadata(meta).withSpec(spec).build();

        ConfigMap configMap = new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(names.configMapName())
                    .withNamespace(request.namespace())
                    .withLabels(ourLabels(key))
                .endMetadata()
                .withImmutable(true)
                .addToData(CONF_FILE, SparkPropertiesFile.write(names.configMapName(), properties, now))
                .addToData(NAMESPACE, request.namespace())
                .build();

        return new DriverSpec(names, pod, configMap, driverService(conf, names, labels, key), executorTemplate,
                Map.copyOf(properties), secret);
    }

    /**
     * The Secret for a request with secret conf or env, else null: {@code spark.properties} with the secret conf
     * added to {@code properties}, and one {@code env.<NAME>} entry per secret env value. Like the ConfigMap it is
     * owned by the driver pod, so it goes when the pod goes.
     */
    private static Secret secret(
            SparkSubmitRequest request, DriverNames names, Map<String, String> properties, SubmissionKey key, Instant now) {
        if (!request.hasSecrets()) {
            return null;
        }
        Map<String, String> data = new TreeMap<>();
        if (!request.secretConf().isEmpty()) {
            Map<String, String> complete = new TreeMap<>(properties);
            complete.putAll(request.secretConf());
            data.put(CONF_FILE, base64(SparkPropertiesFile.write(names.secretName(), complete, now)));
        }
        request.secretEnv().forEach((name, value) -> data.put(secretEnvKey(name), base64(value)));
        return new SecretBuilder()
                .withNewMetadata()
                    .withName(names.secretName())
                    .withNamespace(request.namespace())
                    .withLabels(ourLabels(key))
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(data)
                .build();
    }

    static String secretEnvKey(String envName) {
        return "env." + envName;
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private String sparkVersionLabel(SparkSubmitRequest request, SubmitConf conf, EmrSparkImage defaultImage) {
        if (request.sparkVersion() != null) {
            return request.sparkVersion();
        }
        boolean usesDefaultImage = defaultImage.uri().equals(conf.get(CONTAINER_IMAGE).orElse(null));
        return usesDefaultImage && defaultImage.sparkVersion() != null ? defaultImage.sparkVersion() : SPARK_SUBMIT_VERSION;
    }

    /** Spark's preset labels win over same-named custom ones (the validator rejects those anyway). */
    private static Map<String, String> driverLabels(SubmitConf conf, DriverNames names, String sparkVersion) {
        Map<String, String> labels = new LinkedHashMap<>(conf.withPrefix(DRIVER_LABEL_PREFIX));
        labels.put(SparkLabels.SPARK_VERSION, sparkVersion);
        labels.put(SparkLabels.SPARK_APP_SELECTOR, names.appId());
        labels.put(SparkLabels.SPARK_APP_NAME, names.appNameLabel());
        labels.put(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER);
        return labels;
    }

    /** What the feature steps add to the driver's conf. */
    private static Map<String, String> systemProperties(
            SubmitConf conf, DriverNames names, AppResourceType type, String namespace) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(DRIVER_POD_NAME, names.podName());
        p.put(APP_ID, names.appId());
        p.put(SUBMIT_IN_DRIVER, "true");
        p.put(MEMORY_OVERHEAD_FACTOR, Double.toString(defaultOverheadFactor(conf, type)));
        p.put(DRIVER_HOST, names.serviceName() + "." + namespace + ".svc");
        p.put(DRIVER_PORT, Integer.toString(conf.getInt(DRIVER_PORT, DEFAULT_DRIVER_PORT)));
        p.put(DRIVER_BLOCK_MANAGER_PORT,
                Integer.toString(conf.getInt(DRIVER_BLOCK_MANAGER_PORT, DEFAULT_BLOCK_MANAGER_PORT)));
        p.put(RESOURCE_TYPE, type.confValue());
        return p;
    }

    private static double defaultOverheadFactor(SubmitConf conf, AppResourceType type) {
        return conf.get(MEMORY_OVERHEAD_FACTOR).map(Double::parseDouble).orElse(type.defaultOverheadFactor());
    }

    /**
     * The driver's memory request and limit in MiB: heap plus overhead, the overhead being explicit or
     * max(factor x heap, floor). The floor is 384 MiB up to Spark 3.5 and {@code spark.driver.minMemoryOverhead}
     * (default 384m) from Spark 4.0.
     */
    static long driverMemoryWithOverheadMiB(SubmitConf conf, AppResourceType type, SparkVersion target) {
        long heap = SparkMemory.toMiB(conf.get(DRIVER_MEMORY, "1g")).orElseThrow();
        double factor = conf.get(DRIVER_MEMORY_OVERHEAD_FACTOR).map(Double::parseDouble)
                .orElse(defaultOverheadFactor(conf, type));
        long floor = target.atLeast(SparkVersion.SPARK_4_0)
                ? conf.get(DRIVER_MIN_MEMORY_OVERHEAD).map(v -> SparkMemory.toMiB(v).orElseThrow()).orElse(MIN_OVERHEAD_MIB)
                : MIN_OVERHEAD_MIB;
        long overhead = conf.get(DRIVER_MEMORY_OVERHEAD)
                .map(v -> SparkMemory.toMiB(v).orElseThrow())
                .orElse(Math.max((long) (int) (factor * heap), floor));
        return heap + overhead;
    }

    private static void configureBasicDriver(
            Container c, PodSpec spec, SubmitConf conf, DriverNames names, SparkSubmitRequest request,
            SparkVersion target) {
        AppResourceType type = AppResourceType.of(request.primaryResource());
        if (c.getName() == null) {
            c.setName(SparkLabels.DRIVER_CONTAINER);
        }
        c.setImage(conf.get(DRIVER_CONTAINER_IMAGE).orElseGet(() -> conf.get(CONTAINER_IMAGE).orElseThrow()));
        c.setImagePullPolicy(conf.get(PULL_POLICY, "IfNotPresent"));
        int blockManagerPort = conf.getInt(DRIVER_BLOCK_MANAGER_PORT, conf.getInt(BLOCK_MANAGER_PORT, DEFAULT_BLOCK_MANAGER_PORT));
        c.getPorts().add(port("driver-rpc-port", conf.getInt(DRIVER_PORT, DEFAULT_DRIVER_PORT)));
        c.getPorts().add(port("blockmanager", blockManagerPort));
        c.getPorts().add(port("spark-ui", conf.getInt(UI_PORT, DEFAULT_UI_PORT)));

        c.getEnv().add(env("SPARK_USER", request.sparkUser() != null ? request.sparkUser() : System.getProperty("user.name")));
        c.getEnv().add(env("SPARK_APPLICATION_ID", names.appId()));
        conf.withPrefix(DRIVER_ENV_PREFIX).forEach((k, v) -> c.getEnv().add(env(k, v)));
        c.getEnv().add(new EnvVarBuilder().withName("SPARK_DRIVER_BIND_ADDRESS")
                .withNewValueFrom().withNewFieldRef("v1", "status.podIP").endValueFrom().build());

        ResourceRequirements res = c.getResources() == null ? new ResourceRequirements() : c.getResources();
        res.setRequests(res.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(res.getRequests()));
        res.setLimits(res.getLimits() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(res.getLimits()));
        Quantity memory = new Quantity(driverMemoryWithOverheadMiB(conf, type, target) + "Mi");
        String cores = conf.get(DRIVER_REQUEST_CORES).orElseGet(() -> Integer.toString(conf.getInt(DRIVER_CORES, 1)));
        res.getRequests().put("cpu", new Quantity(cores));
        conf.get(DRIVER_LIMIT_CORES).ifPresent(limit -> res.getLimits().put("cpu", new Quantity(limit)));
        res.getRequests().put("memory", memory);
        res.getLimits().put("memory", memory);
        driverCustomResources(conf).forEach((name, amount) -> res.getLimits().put(name, new Quantity(amount)));
        c.setResources(res);

        spec.setRestartPolicy("Never");
        Map<String, String> nodeSelector = merged(spec.getNodeSelector(), conf.withPrefix(NODE_SELECTOR_PREFIX));
        spec.setNodeSelector(merged(nodeSelector, conf.withPrefix(DRIVER_NODE_SELECTOR_PREFIX)));
        for (String secret : SubmitConf.split(conf.get(PULL_SECRETS).orElse(null))) {
            spec.getImagePullSecrets().add(new LocalObjectReference(secret));
        }
        conf.get(DRIVER_SCHEDULER_NAME).or(() -> conf.get(SCHEDULER_NAME)).ifPresent(spec::setSchedulerName);
    }

    /** {@code spark.driver.resource.<name>.amount} with its {@code .vendor} as {@code <vendor>/<name>} limits. */
    static Map<String, String> driverCustomResources(SubmitConf conf) {
        Map<String, String> out = new LinkedHashMap<>();
        conf.withPrefix(DRIVER_RESOURCE_PREFIX).forEach((k, v) -> {
            if (k.endsWith(".amount")) {
                String name = k.substring(0, k.length() - ".amount".length());
                conf.get(DRIVER_RESOURCE_PREFIX + name + ".vendor").ifPresent(vendor -> out.put(vendor + "/" + name, v));
            }
        });
        return out;
    }

    private static void configureCommand(Container c, SubmitConf conf, SparkSubmitRequest request, AppResourceType type) {
        if (type == AppResourceType.PYTHON) {
            String python = conf.get(PYSPARK_PYTHON).orElse(null);
            String driverPython = conf.get(PYSPARK_DRIVER_PYTHON).orElse(python);
            if (python != null) {
                c.getEnv().add(env("PYSPARK_PYTHON", python));
            }
            if (driverPython != null) {
                c.getEnv().add(env("PYSPARK_DRIVER_PYTHON", driverPython));
            }
        }
        List<String> args = new ArrayList<>(List.of("driver", "--properties-file", CONF_DIR + "/" + CONF_FILE,
                "--class", type.driverMainClass(request.mainClass()), request.primaryResource()));
        args.addAll(request.appArgs());
        c.setArgs(args);
    }

    /**
     * As Spark's PodTemplateConfigMapStep: the executor template travels in its own ConfigMap, mounted where
     * {@code spark.kubernetes.executor.podTemplateFile} points in the driver.
     */
    private static ConfigMap configureExecutorTemplate(
            Container c, PodSpec spec, DriverNames names, SparkSubmitRequest request, SubmissionKey key) {
        if (!hasText(request.executorPodTemplate())) {
            return null;
        }
        String name = names.executorTemplateConfigMapName();
        spec.getVolumes().add(new VolumeBuilder().withName(EXECUTOR_TEMPLATE_VOLUME)
                .withNewConfigMap()
                    .withName(name)
                    .addNewItem().withKey(EXECUTOR_TEMPLATE_KEY).withPath(EXECUTOR_TEMPLATE_FILE_NAME).endItem()
                .endConfigMap()
                .build());
        c.getVolumeMounts().add(new VolumeMountBuilder().withName(EXECUTOR_TEMPLATE_VOLUME)
                .withMountPath(EXECUTOR_TEMPLATE_DIR).build());
        return new ConfigMapBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(request.namespace())
                    .withLabels(ourLabels(key))
                .endMetadata()
                .withImmutable(true)
                .addToData(EXECUTOR_TEMPLATE_KEY, request.executorPodTemplate())
                .build();
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * Scratch space as Spark's LocalDirsFeatureStep: reuse {@code spark-local-dir-*} mounts from the template, else
     * one emptyDir per {@code spark.local.dir} entry (default {@code /var/data/spark-<uuid>}, the uuid derived from
     * the key instead of random).
     */
    private static void configureLocalDirs(Container c, PodSpec spec, SubmitConf conf, SubmissionKey key) {
        List<String> dirs = c.getVolumeMounts().stream()
                .filter(m -> m.getName() != null && m.getName().startsWith("spark-local-dir-"))
                .map(VolumeMount::getMountPath)
                .toList();
        if (dirs.isEmpty()) {
            String defaultDir = "/var/data/spark-"
                    + UUID.nameUUIDFromBytes(("local-dir:" + key.hash()).getBytes(StandardCharsets.UTF_8));
            dirs = List.of(conf.get(LOCAL_DIR, defaultDir).split(","));
            boolean tmpfs = Boolean.parseBoolean(conf.get(LOCAL_DIRS_TMPFS, "false"));
            for (int i = 0; i < dirs.size(); i++) {
                String name = "spark-local-dir-" + (i + 1);
                spec.getVolumes().add(new VolumeBuilder().withName(name)
                        .withNewEmptyDir().withMedium(tmpfs ? "Memory" : null).endEmptyDir().build());
                c.getVolumeMounts().add(new VolumeMountBuilder().withName(name).withMountPath(dirs.get(i)).build());
            }
        }
        c.getEnv().add(env("SPARK_LOCAL_DIRS", String.join(",", dirs)));
    }

    private static Service driverService(SubmitConf conf, DriverNames names, Map<String, String> podLabels, SubmissionKey key) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SparkLabels.SPARK_APP_SELECTOR, names.appId());
        labels.putAll(conf.withPrefix(DRIVER_SERVICE_LABEL_PREFIX));
        labels.putAll(ourLabels(key));
        int driverPort = conf.getInt(DRIVER_PORT, DEFAULT_DRIVER_PORT);
        // unlike the pod, the Service ignores spark.blockManager.port: mirrored on purpose
        int blockManagerPort = conf.getInt(DRIVER_BLOCK_MANAGER_PORT, DEFAULT_BLOCK_MANAGER_PORT);
        int uiPort = conf.getInt(UI_PORT, DEFAULT_UI_PORT);
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(names.serviceName())
                    .withNamespace(conf.get(NAMESPACE).orElseThrow())
                    .withAnnotations(conf.withPrefix(DRIVER_SERVICE_ANNOTATION_PREFIX))
                    .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                    .withClusterIP("None")
                    .withIpFamilyPolicy(conf.get(SERVICE_IP_FAMILY_POLICY, "SingleStack"))
                    .withIpFamilies(List.of(conf.get(SERVICE_IP_FAMILIES, "IPv4").split(",")))
                    .withSelector(podLabels)
                    .withPorts(servicePort("driver-rpc-port", driverPort), servicePort("blockmanager", blockManagerPort),
                            servicePort("spark-ui", uiPort))
                .endSpec()
                .build();
    }

    /** Labels on the ConfigMap and Service so leftovers can be found by key; spark-submit sets none there. */
    static Map<String, String> ourLabels(SubmissionKey key) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE);
        labels.put(SparkLabels.SUBMISSION_KEY, key.hash(32));
        return labels;
    }

    private Pod templatePod(String yaml) {
        Pod pod = yaml == null || yaml.isBlank() ? new Pod() : serialization.unmarshal(yaml, Pod.class);
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        spec.setContainers(mutable(spec.getContainers()));
        spec.setVolumes(mutable(spec.getVolumes()));
        spec.setTolerations(mutable(spec.getTolerations()));
        spec.setImagePullSecrets(mutable(spec.getImagePullSecrets()));
        return pod;
    }

    /**
     * As Spark's {@code selectSparkContainer}: the named container, else the first; it is taken out of the list
     * and appended back last once configured.
     */
    private static Container selectContainer(Pod template, String name) {
        List<Container> containers = new ArrayList<>(template.getSpec().getContainers());
        Container chosen = null;
        if (name != null) {
            List<Container> named = containers.stream().filter(c -> name.equals(c.getName())).toList();
            if (named.size() == 1) {
                chosen = named.get(0);
            }
        }
        if (chosen == null && !containers.isEmpty()) {
            chosen = containers.get(0);
        }
        if (chosen == null) {
            chosen = new Container();
        } else {
            containers.remove(chosen);
        }
        template.getSpec().setContainers(containers);
        chosen.setEnv(mutable(chosen.getEnv()));
        chosen.setPorts(mutable(chosen.getPorts()));
        chosen.setVolumeMounts(mutable(chosen.getVolumeMounts()));
        return chosen;
    }

    private static <T> List<T> mutable(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> added) {
        Map<String, String> out = new LinkedHashMap<>();
        if (base != null) {
            out.putAll(base);
        }
        out.putAll(added);
        return out;
    }

    private static String substituteAppId(String value, String appId) {
        return value.replace("{{APP_ID}}", appId).replace("{{EXECUTOR_ID}}", "");
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static io.fabric8.kubernetes.api.model.ContainerPort port(String name, int number) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol("TCP").build();
    }

    private static io.fabric8.kubernetes.api.model.ServicePort servicePort(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).withTargetPort(new IntOrString(number)).build();
    }

    private static Toleration toleration(PodToleration t) {
        return new TolerationBuilder().withKey(t.key()).withOperator(t.operator()).withValue(t.value())
                .withEffect(t.effect()).withTolerationSeconds(t.tolerationSeconds()).build();
    }
}
