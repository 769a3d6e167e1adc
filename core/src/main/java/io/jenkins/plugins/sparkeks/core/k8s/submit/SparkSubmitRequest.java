package io.jenkins.plugins.sparkeks.core.k8s.submit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a user would pass to {@code spark-submit --deploy-mode cluster --master k8s://...}, as data.
 * Null numeric and memory fields mean "Spark's default" (or whatever {@link #conf()} says), exactly as when the
 * matching spark-submit flag is left out. Build one with {@link #builder(String)}.
 *
 * @param appName            {@code --name}; also the start of the driver pod's name
 * @param namespace          where the driver runs; null = {@code spark.kubernetes.namespace} from {@link #conf()}, as
 *                           spark-submit reads it, else {@value #DEFAULT_NAMESPACE}
 * @param image              container image; null = the EMR on EKS Spark image of {@link #emrRelease()} in the cluster's region
 * @param emrRelease         EMR release whose Spark image is the default, e.g. {@code emr-7.12.0}; null = the newest known
 * @param mainClass          {@code --class}; null for PySpark and R
 * @param primaryResource    the application jar or {@code .py}/{@code .R} file ({@code local://}, {@code s3a://}, {@code https://}...)
 * @param pyFiles            {@code --py-files}
 * @param jars               {@code --jars}
 * @param files              {@code --files}
 * @param appArgs            arguments after the primary resource
 * @param conf               {@code --conf key=value} pairs, in the order given
 * @param driverCores        {@code --driver-cores}
 * @param driverMemory       {@code --driver-memory}, a Spark size such as {@code 2g}
 * @param driverMemoryOverhead {@code spark.driver.memoryOverhead}
 * @param executorCores      {@code --executor-cores}
 * @param executorMemory     {@code --executor-memory}
 * @param executorMemoryOverhead {@code spark.executor.memoryOverhead}
 * @param executorInstances  {@code --num-executors}
 * @param serviceAccount     the driver's service account ({@code spark.kubernetes.authenticate.driver.serviceAccountName})
 * @param labels             labels for the driver and executor pods
 * @param annotations        annotations for the driver and executor pods
 * @param env                environment variables for the driver and executors
 * @param driverPodTemplate  a Pod as YAML text to start the driver pod from (what {@code spark.kubernetes.driver.podTemplateFile} points at)
 * @param executorPodTemplate a Pod as YAML text for the executors (what {@code spark.kubernetes.executor.podTemplateFile}
 *                           points at); shipped to the driver in a ConfigMap, as spark-submit does
 * @param nodeSelector       node selector for the driver and executors
 * @param tolerations        tolerations added to the driver pod
 * @param imagePullPolicy    {@code Always}, {@code IfNotPresent} or {@code Never}; null = {@code IfNotPresent}
 * @param imagePullSecrets   names of image pull secrets in the namespace
 * @param sparkVersion       the Spark release the image runs: the {@code spark-version} label, and the release whose
 *                           spark-submit rules apply where releases differ (e.g. Spark 4's
 *                           {@code spark.driver.minMemoryOverhead}); null = the Spark version of the default image
 *                           when the default image is used, else {@value DriverSpecBuilder#SPARK_SUBMIT_VERSION}
 * @param sparkUser          {@code SPARK_USER} of the driver; null = the submitting process's user, as spark-submit does
 * @param secretConf         Spark conf whose values are secrets: they reach the driver through a Kubernetes Secret,
 *                           never through the {@code spark.properties} ConfigMap, the pod spec or any message
 * @param secretEnv          environment variables whose values are secrets: set from the same Secret with
 *                           {@code secretKeyRef} on the driver and, through Spark's
 *                           {@code spark.kubernetes.executor.secretKeyRef.*}, on the executors
 */
public record SparkSubmitRequest(
        String appName,
        String namespace,
        String image,
        String emrRelease,
        String mainClass,
        String primaryResource,
        List<String> pyFiles,
        List<String> jars,
        List<String> files,
        List<String> appArgs,
        Map<String, String> conf,
        Integer driverCores,
        String driverMemory,
        String driverMemoryOverhead,
        Integer executorCores,
        String executorMemory,
        String executorMemoryOverhead,
        Integer executorInstances,
        String serviceAccount,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> env,
        String driverPodTemplate,
        String executorPodTemplate,
        Map<String, String> nodeSelector,
        List<PodToleration> tolerations,
        String imagePullPolicy,
        List<String> imagePullSecrets,
        String sparkVersion,
        String sparkUser,
        Map<String, String> secretConf,
        Map<String, String> secretEnv) {

    public static final String DEFAULT_NAMESPACE = "default";

    public SparkSubmitRequest {
        conf = map(conf);
        if (namespace == null) {
            namespace = Objects.requireNonNullElse(conf.get(SparkConfKeys.NAMESPACE), DEFAULT_NAMESPACE);
        }
        pyFiles = list(pyFiles);
        jars = list(jars);
        files = list(files);
        appArgs = list(appArgs);
        labels = map(labels);
        annotations = map(annotations);
        env = map(env);
        nodeSelector = map(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        imagePullSecrets = list(imagePullSecrets);
        secretConf = map(secretConf);
        secretEnv = map(secretEnv);
    }

    /** Whether the submission needs a Kubernetes Secret for the driver. */
    public boolean hasSecrets() {
        return !secretConf.isEmpty() || !secretEnv.isEmpty();
    }

    public static Builder builder(String appName) {
        return new Builder().appName(appName);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.appName = appName;
        b.namespace = namespace;
        b.image = image;
        b.emrRelease = emrRelease;
        b.mainClass = mainClass;
        b.primaryResource = primaryResource;
        b.pyFiles.addAll(pyFiles);
        b.jars.addAll(jars);
        b.files.addAll(files);
        b.appArgs.addAll(appArgs);
        b.conf.putAll(conf);
        b.driverCores = driverCores;
        b.driverMemory = driverMemory;
        b.driverMemoryOverhead = driverMemoryOverhead;
        b.executorCores = executorCores;
        b.executorMemory = executorMemory;
        b.executorMemoryOverhead = executorMemoryOverhead;
        b.executorInstances = executorInstances;
        b.serviceAccount = serviceAccount;
        b.labels.putAll(labels);
        b.annotations.putAll(annotations);
        b.env.putAll(env);
        b.driverPodTemplate = driverPodTemplate;
        b.executorPodTemplate = executorPodTemplate;
        b.nodeSelector.putAll(nodeSelector);
        b.tolerations.addAll(tolerations);
        b.imagePullPolicy = imagePullPolicy;
        b.imagePullSecrets.addAll(imagePullSecrets);
        b.sparkVersion = sparkVersion;
        b.sparkUser = sparkUser;
        b.secretConf.putAll(secretConf);
        b.secretEnv.putAll(secretEnv);
        return b;
    }

    /**
     * Never prints conf or env values whose names look secret, nor the pod templates (they may embed anything),
     * nor any secret conf or env value.
     */
    @Override
    public String toString() {
        return "SparkSubmitRequest[appName=" + appName + ", namespace=" + namespace + ", image=" + image
                + ", emrRelease=" + emrRelease + ", mainClass=" + mainClass + ", primaryResource=" + primaryResource
                + ", pyFiles=" + pyFiles + ", jars=" + jars + ", files=" + files + ", appArgs=(" + appArgs.size()
                + " args), conf=" + SensitiveKeys.redacted(conf) + ", driverCores=" + driverCores
                + ", driverMemory=" + driverMemory + ", driverMemoryOverhead=" + driverMemoryOverhead
                + ", executorCores=" + executorCores + ", executorMemory=" + executorMemory
                + ", executorMemoryOverhead=" + executorMemoryOverhead + ", executorInstances=" + executorInstances
                + ", serviceAccount=" + serviceAccount + ", labels=" + labels + ", annotations=" + annotations
                + ", env=" + SensitiveKeys.redacted(env) + ", driverPodTemplate="
                + (driverPodTemplate == null ? "none" : "(" + driverPodTemplate.length() + " chars)")
                + ", executorPodTemplate="
                + (executorPodTemplate == null ? "none" : "(" + executorPodTemplate.length() + " chars)")
                + ", nodeSelector=" + nodeSelector + ", tolerations=" + tolerations
                + ", imagePullPolicy=" + imagePullPolicy + ", imagePullSecrets=" + imagePullSecrets
                + ", sparkVersion=" + sparkVersion + ", sparkUser=" + sparkUser
                + ", secretConf keys=" + secretConf.keySet() + ", secretEnv names=" + secretEnv.keySet() + "]";
    }

    private static List<String> list(List<String> in) {
        return in == null ? List.of() : List.copyOf(in);
    }

    /** Keeps the caller's order: conf order shows up in the properties file and in error lists. */
    private static Map<String, String> map(Map<String, String> in) {
        if (in == null || in.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(in));
    }

    /** Mutable builder; every setter returns {@code this}. */
    public static final class Builder {
        private String appName;
        /** Null until set, so a namespace given only in conf is taken from there. */
        private String namespace;
        private String image;
        private String emrRelease;
        private String mainClass;
        private String primaryResource;
        private final List<String> pyFiles = new ArrayList<>();
        private final List<String> jars = new ArrayList<>();
        private final List<String> files = new ArrayList<>();
        private final List<String> appArgs = new ArrayList<>();
        private final Map<String, String> conf = new LinkedHashMap<>();
        private Integer driverCores;
        private String driverMemory;
        private String driverMemoryOverhead;
        private Integer executorCores;
        private String executorMemory;
        private String executorMemoryOverhead;
        private Integer executorInstances;
        private String serviceAccount;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> annotations = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String driverPodTemplate;
        private String executorPodTemplate;
        private final Map<String, String> nodeSelector = new LinkedHashMap<>();
        private final List<PodToleration> tolerations = new ArrayList<>();
        private String imagePullPolicy;
        private final List<String> imagePullSecrets = new ArrayList<>();
        private String sparkVersion;
        private String sparkUser;
        private final Map<String, String> secretConf = new LinkedHashMap<>();
        private final Map<String, String> secretEnv = new LinkedHashMap<>();

        private Builder() {}

        public Builder appName(String v) { appName = v; return this; }
        public Builder namespace(String v) { namespace = v; return this; }
        public Builder image(String v) { image = v; return this; }
        public Builder emrRelease(String v) { emrRelease = v; return this; }
        public Builder mainClass(String v) { mainClass = v; return this; }
        public Builder primaryResource(String v) { primaryResource = v; return this; }
        public Builder pyFiles(List<String> v) { pyFiles.clear(); pyFiles.addAll(v); return this; }
        public Builder jars(List<String> v) { jars.clear(); jars.addAll(v); return this; }
        public Builder files(List<String> v) { files.clear(); files.addAll(v); return this; }
        public Builder appArgs(List<String> v) { appArgs.clear(); appArgs.addAll(v); return this; }
        public Builder appArgs(String... v) { return appArgs(List.of(v)); }
        public Builder conf(String key, String value) { conf.put(key, value); return this; }
        public Builder conf(Map<String, String> v) { conf.putAll(v); return this; }
        public Builder driverCores(Integer v) { driverCores = v; return this; }
        public Builder driverMemory(String v) { driverMemory = v; return this; }
        public Builder driverMemoryOverhead(String v) { driverMemoryOverhead = v; return this; }
        public Builder executorCores(Integer v) { executorCores = v; return this; }
        public Builder executorMemory(String v) { executorMemory = v; return this; }
        public Builder executorMemoryOverhead(String v) { executorMemoryOverhead = v; return this; }
        public Builder executorInstances(Integer v) { executorInstances = v; return this; }
        public Builder serviceAccount(String v) { serviceAccount = v; return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder annotation(String key, String value) { annotations.put(key, value); return this; }
        public Builder env(String name, String value) { env.put(name, value); return this; }
        public Builder driverPodTemplate(String yaml) { driverPodTemplate = yaml; return this; }
        public Builder executorPodTemplate(String yaml) { executorPodTemplate = yaml; return this; }
        public Builder nodeSelector(String key, String value) { nodeSelector.put(key, value); return this; }
        public Builder toleration(PodToleration t) { tolerations.add(t); return this; }
        public Builder imagePullPolicy(String v) { imagePullPolicy = v; return this; }
        public Builder imagePullSecret(String name) { imagePullSecrets.add(name); return this; }
        public Builder sparkVersion(String v) { sparkVersion = v; return this; }
        public Builder sparkUser(String v) { sparkUser = v; return this; }
        public Builder secretConf(String key, String value) { secretConf.put(key, value); return this; }
        public Builder secretEnv(String name, String value) { secretEnv.put(name, value); return this; }

        public SparkSubmitRequest build() {
            return new SparkSubmitRequest(appName, namespace, image, emrRelease, mainClass, primaryResource, pyFiles,
                    jars, files, appArgs, conf, driverCores, driverMemory, driverMemoryOverhead, executorCores,
                    executorMemory, executorMemoryOverhead, executorInstances, serviceAccount, labels, annotations,
                    env, driverPodTemplate, executorPodTemplate, nodeSelector, tolerations, imagePullPolicy, imagePullSecrets,
                    sparkVersion, sparkUser, secretConf, secretEnv);
        }
    }
}
