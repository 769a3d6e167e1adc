package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static io.jenkins.plugins.sparkeks.core.k8s.submit.SparkConfKeys.*;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImages;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link SparkSubmitRequest} before anything is sent: Kubernetes name and label syntax, Spark sizes and
 * conf keys, resource schemes, conf keys this library must own, and the pod template. Reports every problem with
 * the field and the fix; never repeats a conf or env value (they may be secrets).
 */
public final class SparkSubmitValidator {

    /** Above the largest instance's vCPU count (896); a larger request would never be scheduled. */
    static final int MAX_CORES = 1024;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern CONF_KEY = Pattern.compile("spark\\.[\\x21-\\x7e&&[^=:]]+");
    private static final Pattern JAVA_CLASS = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern IMAGE = Pattern.compile("[^\\s]+");
    private static final Pattern DOUBLE = Pattern.compile("[0-9]*\\.?[0-9]+");
    private static final Set<String> REMOTE_SCHEMES =
            Set.of("local", "s3", "s3a", "s3n", "https", "http", "hdfs", "gs", "abfs", "abfss", "wasb", "wasbs", "oci");
    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
    private static final Set<String> TOLERATION_OPERATORS = Set.of("Equal", "Exists");
    private static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Set<String> SPARK_LABELS = Set.of(SparkLabels.SPARK_APP_SELECTOR, SparkLabels.SPARK_ROLE,
            SparkLabels.SPARK_APP_NAME, SparkLabels.SPARK_VERSION, "spark-exec-id", "spark-exec-resourceprofile-id",
            SparkLabels.MANAGED_BY, SparkLabels.SUBMISSION_KEY);
    private static final Set<String> OWNED_ENV =
            Set.of("SPARK_APPLICATION_ID", "SPARK_DRIVER_BIND_ADDRESS", "SPARK_LOCAL_DIRS", "SPARK_CONF_DIR");

    /** Keys whose value the submission decides; a user value would break finding or reaching the driver. */
    private static final Map<String, String> OWNED_CONF = Map.ofEntries(
            Map.entry(DRIVER_HOST, "the driver is reached through its headless Service"),
            Map.entry(DRIVER_BIND_ADDRESS, "the driver binds to its pod IP"),
            Map.entry(DRIVER_POD_NAME, "the driver pod's name is derived from the submission key"),
            Map.entry("spark.kubernetes.driver.pod.namePrefix", "the driver pod's name is derived from the submission key"),
            Map.entry(APP_ID, "the application id is derived from the submission key"),
            Map.entry(MASTER, "the master is the cluster this step connects to"),
            Map.entry(DEPLOY_MODE, "the driver always runs in the cluster"),
            Map.entry(SUBMIT_IN_DRIVER, "it is set for the driver by the submission"),
            Map.entry(SUBMIT_TIME, "it is set by the submission"),
            Map.entry("spark.kubernetes.submission.waitAppCompletion", "waiting is done by this library, not spark-submit"),
            Map.entry("spark.kubernetes.driver.podTemplateFile", "pass the template's YAML as driverPodTemplate"),
            Map.entry("spark.kubernetes.file.upload.path", "local files cannot be uploaded from here; put them in S3 or the image"),
            Map.entry("spark.kubernetes.executor.podTemplateFile", "pass the template's YAML as executorPodTemplate"),
            Map.entry("spark.kubernetes.hadoop.configMapName", "Hadoop conf ConfigMaps are not mounted by this submission"),
            Map.entry("spark.kubernetes.kerberos.krb5.path", "Kerberos is not supported by this submission"),
            Map.entry("spark.kubernetes.kerberos.krb5.configMapName", "Kerberos is not supported by this submission"),
            Map.entry("spark.kubernetes.kerberos.tokenSecret.name", "Kerberos is not supported by this submission"),
            Map.entry("spark.kubernetes.driver.pod.featureSteps", "custom feature steps cannot run outside spark-submit"));

    /** Prefixes that make spark-submit create or mount further objects, which this submission does not do. */
    private static final Map<String, String> UNSUPPORTED_PREFIXES = Map.of(
            "spark.kubernetes.driver.volumes.", "declare the volume and its mount in driverPodTemplate",
            "spark.kubernetes.driver.secrets.", "mount the secret through driverPodTemplate",
            "spark.kubernetes.driver.secretKeyRef.", "add the env var with secretKeyRef through driverPodTemplate",
            "spark.kubernetes.authenticate.submission.", "the connection to the cluster is configured outside the request",
            "spark.kubernetes.authenticate.driver.mounted.", "use a service account (serviceAccount) for the driver",
            "spark.kubernetes.authenticate.driver.oauthToken", "use a service account (serviceAccount) for the driver",
            "spark.kubernetes.authenticate.driver.clientKeyFile", "use a service account (serviceAccount) for the driver",
            "spark.kubernetes.authenticate.driver.clientCertFile", "use a service account (serviceAccount) for the driver",
            "spark.kubernetes.authenticate.driver.caCertFile", "use a service account (serviceAccount) for the driver");

    /**
     * Keys outside {@code spark.kubernetes.*} that the submission itself reads to build the driver pod; a secret
     * value for one could not shape the pod, so it belongs in plain conf.
     */
    private static final Set<String> POD_SHAPING_KEYS = Set.of(APP_NAME, JARS, FILES, PY_FILES, DRIVER_CORES,
            DRIVER_MEMORY, DRIVER_MEMORY_OVERHEAD, DRIVER_MEMORY_OVERHEAD_FACTOR, DRIVER_MIN_MEMORY_OVERHEAD, EXECUTOR_CORES, EXECUTOR_MEMORY,
            EXECUTOR_MEMORY_OVERHEAD, EXECUTOR_INSTANCES, DRIVER_PORT, DRIVER_BLOCK_MANAGER_PORT, BLOCK_MANAGER_PORT,
            UI_PORT, LOCAL_DIR, PYSPARK_PYTHON, PYSPARK_DRIVER_PYTHON);

    /** ConfigMaps hold at most 1 MiB; Spark ships templates in them. */
    private static final int MAX_TEMPLATE_CHARS = 1024 * 1024 - 1024;

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    /** Throws {@link InvalidJobSpecException} listing every problem. */
    public void validate(SparkSubmitRequest r) {
        Validation v = check(r);
        v.throwIfInvalid();
    }

    /**
     * As {@link #validate}, for a SparkApplication: the Spark Operator runs spark-submit itself, which writes every
     * conf value into a ConfigMap, so secret conf and env have nowhere safe to go and are refused.
     */
    public void validateForSparkApplication(SparkSubmitRequest r) {
        Validation v = check(r);
        v.check(r.secretConf().isEmpty(), "secretConf", "is not supported in operator mode: the Spark Operator's"
                + " spark-submit would write the values into a ConfigMap.", "Use mode 'submit', which keeps them in a Secret.");
        v.check(r.secretEnv().isEmpty(), "secretEnv", "is not supported in operator mode.",
                "Use mode 'submit', or reference an existing Kubernetes Secret with secretKeyRef in driverPodTemplate.");
        v.throwIfInvalid();
    }

    public List<FieldError> errors(SparkSubmitRequest r) {
        return check(r).errors();
    }

    private Validation check(SparkSubmitRequest r) {
        Validation v = new Validation();
        checkAppName(v, r.appName());
        checkDnsLabel(v, "namespace", r.namespace(), "a namespace");
        if (r.serviceAccount() != null) {
            v.check(DNS_SUBDOMAIN.matcher(r.serviceAccount()).matches() && r.serviceAccount().length() <= 253,
                    "serviceAccount", "'" + r.serviceAccount() + "' is not a valid service account name.",
                    "Use lower-case letters, digits, '-' and '.', at most 253 characters.");
        }
        if (r.image() != null) {
            v.check(IMAGE.matcher(r.image()).matches(), "image", "contains whitespace or is empty.",
                    "Give an image reference such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/spark/emr-7.12.0:latest.");
        }
        if (r.emrRelease() != null) {
            v.check(EmrSparkImages.isReleaseLabel(r.emrRelease()), "emrRelease",
                    "'" + r.emrRelease() + "' is not an EMR release label.",
                    "Use a release such as emr-7.12.0 or emr-spark-8.0.0 (a -latest or -<yyyymmdd> build may follow).");
        }
        if (r.sparkVersion() != null) {
            v.check(r.sparkVersion().length() <= 63 && LABEL_VALUE.matcher(r.sparkVersion()).matches(), "sparkVersion",
                    "'" + r.sparkVersion() + "' cannot be a label value.", "Use a version such as 3.5.6 or 3.5.6-amzn-1.");
        }
        checkResources(v, r);
        checkSizesAndCounts(v, r);
        checkLabels(v, "labels", r.labels());
        checkAnnotations(v, "annotations", r.annotations());
        checkLabels(v, "nodeSelector", r.nodeSelector());
        checkEnv(v, r.env());
        checkConf(v, r);
        checkSecrets(v, r);
        checkPullSettings(v, r);
        checkTolerations(v, r.tolerations());
        checkTemplate(v, r);
        return v;
    }

    private static void checkAppName(Validation v, String appName) {
        if (appName == null || appName.isBlank()) {
            v.error("appName", "is missing.", "Give the application a name, e.g. 'nightly-etl'.");
            return;
        }
        v.check(DriverNames.sanitisedAppName(appName).matches(".*[a-z0-9].*"), "appName",
                "'" + appName + "' has no letter or digit to build Kubernetes names from.",
                "Use a name with letters or digits, e.g. 'nightly-etl'.");
    }

    private static void checkDnsLabel(Validation v, String field, String value, String what) {
        if (value == null || value.isEmpty()) {
            v.error(field, "is missing.", "Give " + what + " name.");
            return;
        }
        v.check(value.length() <= DriverNames.DNS_LABEL_MAX && DNS_LABEL.matcher(value).matches(), field,
                "'" + value + "' is not a valid DNS-1123 label.",
                "Use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
    }

    private static void checkResources(Validation v, SparkSubmitRequest r) {
        String primary = r.primaryResource();
        if (primary == null || primary.isBlank()) {
            v.error("primaryResource", "is missing.",
                    "Give the application jar or .py file, e.g. local:///opt/spark/examples/jars/spark-examples.jar or s3a://bucket/app.py.");
        } else {
            checkUri(v, "primaryResource", primary);
        }
        AppResourceType type = AppResourceType.of(primary);
        if (type == AppResourceType.JAVA) {
            if (r.mainClass() == null || r.mainClass().isBlank()) {
                v.error("mainClass", "is missing for a JVM application.", "Give the fully qualified main class, e.g. com.example.Main.");
            } else {
                v.check(JAVA_CLASS.matcher(r.mainClass()).matches(), "mainClass",
                        "'" + r.mainClass() + "' is not a Java class name.", "Give the fully qualified main class, e.g. com.example.Main.");
            }
        } else if (r.mainClass() != null) {
            v.error("mainClass", "is set for a " + type.confValue() + " application, which has no main class.",
                    "Remove mainClass; the primary resource is run directly.");
        }
        for (int i = 0; i < r.pyFiles().size(); i++) {
            checkUri(v, "pyFiles[" + i + "]", r.pyFiles().get(i));
        }
        for (int i = 0; i < r.jars().size(); i++) {
            checkUri(v, "jars[" + i + "]", r.jars().get(i));
        }
        for (int i = 0; i < r.files().size(); i++) {
            checkUri(v, "files[" + i + "]", r.files().get(i));
        }
    }

    private static void checkUri(Validation v, String field, String uri) {
        String scheme;
        try {
            scheme = new URI(uri.trim()).getScheme();
        } catch (URISyntaxException e) {
            v.error(field, "'" + uri + "' is not a valid URI.", "Escape spaces and special characters, e.g. local:///opt/app/my%20app.jar.");
            return;
        }
        if (scheme == null || scheme.equalsIgnoreCase("file")) {
            v.error(field, "'" + uri + "' is a file on this machine, which the driver pod cannot read.",
                    "Use local:///path for a file inside the image, or upload it and use s3a://bucket/key or https://.");
        } else if (!REMOTE_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            v.error(field, "scheme '" + scheme + "' is not supported.",
                    "Use local://, s3a://, s3://, https://, hdfs:// or gs://.");
        }
    }

    private static void checkSizesAndCounts(Validation v, SparkSubmitRequest r) {
        checkMemory(v, "driverMemory", r.driverMemory());
        checkMemory(v, "driverMemoryOverhead", r.driverMemoryOverhead());
        checkMemory(v, "executorMemory", r.executorMemory());
        checkMemory(v, "executorMemoryOverhead", r.executorMemoryOverhead());
        checkPositive(v, "driverCores", r.driverCores());
        checkPositive(v, "executorCores", r.executorCores());
        if (r.executorInstances() != null) {
            v.check(r.executorInstances() >= 0, "executorInstances", "must not be negative.", "Use 0 or more executors.");
        }
        for (String key : List.of(DRIVER_MEMORY, DRIVER_MEMORY_OVERHEAD, EXECUTOR_MEMORY, EXECUTOR_MEMORY_OVERHEAD,
                DRIVER_MIN_MEMORY_OVERHEAD, EXECUTOR_MIN_MEMORY_OVERHEAD)) {
            String value = r.conf().get(key);
            if (value == null) {
                continue;
            }
            if (SparkMemory.isValid(value)) {
                checkMemoryBound(v, "conf[" + key + "]", value);
            } else {
                v.error("conf[" + key + "]", "is not a Spark size.", "Use a whole number with an optional unit k, m, g or t, e.g. 4g.");
            }
        }
        for (String key : List.of(DRIVER_CORES, EXECUTOR_CORES, EXECUTOR_INSTANCES, DRIVER_PORT, DRIVER_BLOCK_MANAGER_PORT,
                BLOCK_MANAGER_PORT, UI_PORT)) {
            String value = r.conf().get(key);
            if (value != null) {
                v.check(value.trim().matches("[0-9]{1,9}"), "conf[" + key + "]", "is not a whole number.", "Use a whole number, e.g. 2.");
            }
        }
        for (String key : List.of(DRIVER_MEMORY_OVERHEAD_FACTOR, MEMORY_OVERHEAD_FACTOR)) {
            String value = r.conf().get(key);
            if (value != null) {
                v.check(DOUBLE.matcher(value.trim()).matches(), "conf[" + key + "]", "is not a decimal number.", "Use a factor such as 0.2.");
            }
        }
    }

    private static void checkMemory(Validation v, String field, String value) {
        if (value == null) {
            return;
        }
        if (SparkMemory.isValid(value)) {
            checkMemoryBound(v, field, value);
        } else {
            v.error(field, "'" + value + "' is not a Spark size.",
                    "Use a whole number with an optional unit k, m, g or t, e.g. 4g or 512m (fractions such as 1.5g are not accepted).");
        }
    }

    /** A size no node can hold would leave the driver Pending until a timeout; refuse it before submitting. */
    private static void checkMemoryBound(Validation v, String field, String value) {
        v.check(SparkMemory.toMiB(value).orElseThrow() <= SparkMemory.MAX_CONTAINER_MIB, field,
                "'" + value + "' is more memory than any node offers (at most " + SparkMemory.MAX_CONTAINER_MIB / (1024 * 1024)
                        + "t).", "Use the memory one driver or executor container needs, e.g. 4g.");
    }

    private static void checkPositive(Validation v, String field, Integer value) {
        if (value == null) {
            return;
        }
        v.check(value > 0, field, "must be at least 1, was " + value + ".", "Use a whole number of cores, e.g. 1.");
        v.check(value <= MAX_CORES, field, "must be at most " + MAX_CORES + ", was " + value
                + ": no node offers more cores.", "Use the cores one container needs, e.g. 4.");
    }

    private static void checkLabels(Validation v, String field, Map<String, String> labels) {
        labels.forEach((k, val) -> {
            String f = field + "[" + k + "]";
            checkQualifiedName(v, f, k);
            if (field.equals("labels")) {
                v.check(!SPARK_LABELS.contains(k), f, "is a label Spark or this library sets on the driver.",
                        "Choose another label key.");
            }
            v.check(val != null && val.length() <= 63 && LABEL_VALUE.matcher(val).matches(), f,
                    "value '" + val + "' is not a valid label value.",
                    "Use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.");
        });
    }

    private static void checkAnnotations(Validation v, String field, Map<String, String> annotations) {
        annotations.forEach((k, val) -> {
            checkQualifiedName(v, field + "[" + k + "]", k);
            v.check(val != null, field + "[" + k + "]", "has no value.", "Give a value, an empty string if need be.");
        });
    }

    private static void checkQualifiedName(Validation v, String field, String key) {
        String prefix = null;
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
        }
        boolean ok = name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches()
                && (prefix == null || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()));
        v.check(ok, field, "'" + key + "' is not a valid key.",
                "Use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.', e.g. example.com/team.");
    }

    private static void checkEnv(Validation v, Map<String, String> env) {
        env.forEach((k, val) -> {
            String f = "env[" + k + "]";
            v.check(ENV_NAME.matcher(k).matches(), f, "is not a valid environment variable name.",
                    "Use letters, digits, '_', '-' and '.', not starting with a digit.");
            v.check(!OWNED_ENV.contains(k), f, "is set by the submission for the driver.", "Remove it.");
            v.check(val != null, f, "has no value.", "Give a value, an empty string if need be.");
        });
    }

    private static void checkConf(Validation v, SparkSubmitRequest r) {
        r.conf().forEach((key, value) -> {
            String f = "conf[" + key + "]";
            if (key == null || !CONF_KEY.matcher(key).matches()) {
                v.error(f, "is not a Spark configuration key (spark-submit ignores keys not starting with 'spark.').",
                        "Use a key such as spark.executor.memory; Hadoop settings go under spark.hadoop.*.");
                return;
            }
            if (value == null) {
                v.error(f, "has no value.", "Give a value or remove the key.");
            }
            String owned = OWNED_CONF.get(key);
            if (owned != null) {
                v.error(f, "cannot be set: " + owned + ".", fixForOwned(key));
            }
            UNSUPPORTED_PREFIXES.forEach((prefix, fix) -> {
                if (key.startsWith(prefix)) {
                    v.error(f, "is not supported by this submission.", capitalise(fix) + ".");
                }
            });
            for (String prefix : List.of(DRIVER_LABEL_PREFIX, EXECUTOR_LABEL_PREFIX)) {
                if (key.startsWith(prefix) && SPARK_LABELS.contains(key.substring(prefix.length()))) {
                    v.error(f, "sets a label Spark or this library owns.", "Remove it.");
                }
            }
            // the API server would refuse the pod or Service only after the ConfigMap exists: check as for labels
            for (String prefix : List.of(DRIVER_LABEL_PREFIX, EXECUTOR_LABEL_PREFIX, DRIVER_SERVICE_LABEL_PREFIX)) {
                if (key.startsWith(prefix)) {
                    checkConfLabel(v, f, key.substring(prefix.length()), value);
                }
            }
        });
        checkFieldAgainstConf(v, r.conf(), "appName", r.appName(), APP_NAME);
        checkNamespaceAgainstConf(v, r);
        checkFieldAgainstConf(v, r.conf(), "image", r.image(), CONTAINER_IMAGE);
        checkFieldAgainstConf(v, r.conf(), "driverCores", r.driverCores(), DRIVER_CORES);
        checkFieldAgainstConf(v, r.conf(), "driverMemory", r.driverMemory(), DRIVER_MEMORY);
        checkFieldAgainstConf(v, r.conf(), "driverMemoryOverhead", r.driverMemoryOverhead(), DRIVER_MEMORY_OVERHEAD);
        checkFieldAgainstConf(v, r.conf(), "executorCores", r.executorCores(), EXECUTOR_CORES);
        checkFieldAgainstConf(v, r.conf(), "executorMemory", r.executorMemory(), EXECUTOR_MEMORY);
        checkFieldAgainstConf(v, r.conf(), "executorMemoryOverhead", r.executorMemoryOverhead(), EXECUTOR_MEMORY_OVERHEAD);
        checkFieldAgainstConf(v, r.conf(), "executorInstances", r.executorInstances(), EXECUTOR_INSTANCES);
        checkFieldAgainstConf(v, r.conf(), "serviceAccount", r.serviceAccount(), DRIVER_SERVICE_ACCOUNT);
        checkFieldAgainstConf(v, r.conf(), "imagePullPolicy", r.imagePullPolicy(), PULL_POLICY);
        checkListAgainstConf(v, r.conf(), "jars", r.jars(), JARS);
        checkListAgainstConf(v, r.conf(), "files", r.files(), FILES);
        checkListAgainstConf(v, r.conf(), "pyFiles", r.pyFiles(), PY_FILES);
        r.labels().forEach((k, val) -> checkFieldAgainstConf(v, r.conf(), "labels[" + k + "]", val, DRIVER_LABEL_PREFIX + k));
        r.env().forEach((k, val) -> checkFieldAgainstConf(v, r.conf(), "env[" + k + "]", val, DRIVER_ENV_PREFIX + k));
        String pullSecrets = r.conf().get(PULL_SECRETS);
        if (pullSecrets != null) {
            SubmitConf.split(pullSecrets).forEach(s -> checkDnsSubdomain(v, "conf[" + PULL_SECRETS + "]", s));
        }
    }

    /** Secret conf and env: names are checked like their plain counterparts; values are never repeated. */
    private static void checkSecrets(Validation v, SparkSubmitRequest r) {
        r.secretConf().forEach((key, value) -> {
            String f = "secretConf[" + key + "]";
            if (key == null || !CONF_KEY.matcher(key).matches()) {
                v.error(f, "is not a Spark configuration key.", "Use a key starting with 'spark.', e.g. spark.hadoop.fs.s3a.secret.key.");
                return;
            }
            v.check(value != null, f, "has no value.", "Check the secret text credential it names.");
            v.check(!r.conf().containsKey(key), f, "is also given in conf.", "Remove it from conf.");
            if (key.startsWith(DRIVER_ENV_PREFIX) || key.startsWith(EXECUTOR_ENV_PREFIX)) {
                v.error(f, "sets an environment variable.", "Give it as secretEnv instead.");
            } else if (key.startsWith("spark.kubernetes.") || POD_SHAPING_KEYS.contains(key)
                    || key.startsWith(DRIVER_RESOURCE_PREFIX) || OWNED_CONF.containsKey(key)) {
                v.error(f, "decides how the driver pod is built, so it cannot be kept in the Secret.",
                        "Give it in conf.");
            }
        });
        r.secretEnv().forEach((name, value) -> {
            String f = "secretEnv[" + name + "]";
            v.check(name != null && ENV_NAME.matcher(name).matches(), f, "is not a valid environment variable name.",
                    "Use letters, digits, '_', '-' and '.', not starting with a digit.");
            v.check(!OWNED_ENV.contains(name), f, "is set by the submission for the driver.", "Remove it.");
            v.check(!r.env().containsKey(name), f, "is also given in env.", "Remove it from env.");
            v.check(value != null, f, "has no value.", "Check the secret text credential it names.");
        });
    }

    private static String fixForOwned(String key) {
        return switch (key) {
            case APP_ID, DRIVER_POD_NAME, "spark.kubernetes.driver.pod.namePrefix" ->
                    "Remove it; the names follow the app name and the submission key.";
            case "spark.kubernetes.driver.podTemplateFile" -> "Pass the template's YAML text as driverPodTemplate.";
            case "spark.kubernetes.executor.podTemplateFile" -> "Pass the template's YAML text as executorPodTemplate.";
            case "spark.kubernetes.file.upload.path" -> "Use local:// paths inside the image or s3a:// / https:// URIs.";
            default -> "Remove it.";
        };
    }

    /**
     * A conf label's key and value, checked as {@link #checkLabels} checks the labels field; the value is not
     * repeated (conf values may be secret).
     */
    private static void checkConfLabel(Validation v, String field, String labelKey, String value) {
        checkQualifiedName(v, field, labelKey);
        if (value != null) {
            v.check(value.length() <= 63 && LABEL_VALUE.matcher(value).matches(), field, "is not a valid label value.",
                    "Use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.");
        }
    }

    /**
     * spark-submit takes the namespace from {@code spark.kubernetes.namespace}; the request takes it from there
     * when its own field is not set, so a clash means both were given. Namespaces are not secret: both are shown.
     */
    private static void checkNamespaceAgainstConf(Validation v, SparkSubmitRequest r) {
        String inConf = r.conf().get(NAMESPACE);
        if (inConf != null && !inConf.equals(r.namespace())) {
            v.error("namespace", "is '" + r.namespace() + "' but conf[" + NAMESPACE + "] is '" + inConf + "'.",
                    "Give the namespace in one place only, or the same in both.");
        }
    }

    /** As {@link #checkFieldAgainstConf}, comparing the lists as Spark reads them (trimmed, empty entries dropped). */
    private static void checkListAgainstConf(Validation v, Map<String, String> conf, String field, List<String> values, String key) {
        String confValue = conf.get(key);
        if (!values.isEmpty() && confValue != null && !SubmitConf.normalised(values).equals(SubmitConf.split(confValue))) {
            v.error(field, "disagrees with conf[" + key + "], which sets the same thing.", "Set it in one place only.");
        }
    }

    /** A dedicated field and the same key in conf must agree; never shows the values (they may be secret). */
    private static void checkFieldAgainstConf(Validation v, Map<String, String> conf, String field, Object fieldValue, String key) {
        String confValue = conf.get(key);
        if (fieldValue != null && confValue != null && !Objects.equals(fieldValue.toString(), confValue)) {
            v.error(field, "disagrees with conf[" + key + "], which sets the same thing.", "Set it in one place only.");
        }
    }

    private static void checkPullSettings(Validation v, SparkSubmitRequest r) {
        if (r.imagePullPolicy() != null) {
            v.check(PULL_POLICIES.contains(r.imagePullPolicy()), "imagePullPolicy",
                    "'" + r.imagePullPolicy() + "' is not a pull policy.", "Use Always, IfNotPresent or Never.");
        }
        for (int i = 0; i < r.imagePullSecrets().size(); i++) {
            checkDnsSubdomain(v, "imagePullSecrets[" + i + "]", r.imagePullSecrets().get(i));
        }
    }

    private static void checkDnsSubdomain(Validation v, String field, String name) {
        v.check(name != null && name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches(), field,
                "'" + name + "' is not a valid secret name.", "Use lower-case letters, digits, '-' and '.'.");
    }

    private static void checkTolerations(Validation v, List<PodToleration> tolerations) {
        for (int i = 0; i < tolerations.size(); i++) {
            PodToleration t = tolerations.get(i);
            String f = "tolerations[" + i + "]";
            String op = t.operator() == null ? "Equal" : t.operator();
            v.check(TOLERATION_OPERATORS.contains(op), f, "operator '" + op + "' is unknown.", "Use Equal or Exists.");
            if (t.effect() != null) {
                v.check(TAINT_EFFECTS.contains(t.effect()), f, "effect '" + t.effect() + "' is unknown.",
                        "Use NoSchedule, PreferNoSchedule or NoExecute, or leave it empty for all effects.");
            }
            if ("Exists".equals(op)) {
                v.check(t.value() == null || t.value().isEmpty(), f, "has a value with operator Exists.", "Remove the value or use Equal.");
            } else {
                v.check(t.key() != null && !t.key().isEmpty(), f, "has no key with operator Equal.", "Give the taint key, or use Exists.");
            }
            if (t.tolerationSeconds() != null) {
                v.check("NoExecute".equals(t.effect()), f, "tolerationSeconds only applies to NoExecute.",
                        "Remove tolerationSeconds or use effect NoExecute.");
            }
        }
    }

    private void checkTemplate(Validation v, SparkSubmitRequest r) {
        parsePodTemplate(v, "executorPodTemplate", r.executorPodTemplate(), r.namespace());
        Pod pod = parsePodTemplate(v, "driverPodTemplate", r.driverPodTemplate(), r.namespace());
        if (pod == null) {
            return;
        }
        String containerName = r.conf().get(TEMPLATE_CONTAINER_NAME);
        if (containerName != null && pod.getSpec() != null) {
            v.check(pod.getSpec().getContainers().stream().anyMatch(c -> containerName.equals(c.getName())),
                    "conf[" + TEMPLATE_CONTAINER_NAME + "]", "names a container the template does not have.",
                    "Name one of the template's containers, or remove the key to use the first one.");
        }
    }

    /** The template as a Pod, or null when there is none or it is invalid (then an error is recorded). */
    private Pod parsePodTemplate(Validation v, String field, String yaml, String namespace) {
        if (yaml == null || yaml.isBlank()) {
            return null;
        }
        if (yaml.length() > MAX_TEMPLATE_CHARS) {
            v.error(field, "is larger than a ConfigMap can hold.", "Keep the template under 1 MiB.");
            return null;
        }
        Object parsed;
        try {
            parsed = serialization.unmarshal(yaml);
        } catch (RuntimeException e) {
            v.error(field, "is not valid YAML.", "Give a Pod manifest, e.g. 'apiVersion: v1\\nkind: Pod\\nspec: ...'.");
            return null;
        }
        if (!(parsed instanceof Pod pod)) {
            v.error(field, "is not a Pod manifest.", "Use 'apiVersion: v1' and 'kind: Pod'.");
            return null;
        }
        String ns = pod.getMetadata() == null ? null : pod.getMetadata().getNamespace();
        if (ns != null && !ns.equals(namespace)) {
            v.error(field, "names namespace '" + ns + "', not the request's namespace.", "Remove metadata.namespace from the template.");
            return null;
        }
        return pod;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
