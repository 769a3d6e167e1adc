package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.emulator.DriverLaunch;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The driver pod EMR on EKS's job-runner (spark-submit in cluster mode) creates for a job run, and the ConfigMap
 * holding its {@code spark.properties}: named and labelled as EMR names them ({@code spark-<jobRunId>-driver},
 * container {@code spark-kubernetes-driver}, application id {@code spark-<jobRunId>}), its arguments those of Spark's
 * Kubernetes driver entrypoint. The properties are the run's {@code spark-defaults}, then its
 * {@code sparkSubmitParameters}, then what spark-submit sets itself.
 */
record EmrDriverPod(ConfigMap configMap, Pod pod) {

    static final String JOB_ID_LABEL = "emr-containers.amazonaws.com/job.id";
    static final String VIRTUAL_CLUSTER_LABEL = "emr-containers.amazonaws.com/virtual-cluster-id";
    static final String COMPONENT_LABEL = "emr-containers.amazonaws.com/component";
    static final String RESOURCE_TYPE_LABEL = "emr-containers.amazonaws.com/resource.type";
    static final String CONF_DIR = "/opt/spark/conf";
    private static final String CONF_FILE = "spark.properties";
    private static final String CONF_VOLUME = "spark-conf-volume-driver";

    /** @throws IllegalArgumentException when spark-submit would refuse the run's parameters */
    static EmrDriverPod of(DriverLaunch launch) {
        String appId = "spark-" + launch.jobRunId();
        String podName = appId + "-driver";
        String image = "public.ecr.aws/emr-on-eks/spark/" + launch.releaseLabel().replaceFirst("-latest$", "")
                + ":latest";
        EmrSubmitParameters parameters = EmrSubmitParameters.parse(launch.sparkSubmitParameters());

        Map<String, String> properties = new LinkedHashMap<>(launch.sparkDefaults());
        properties.putAll(parameters.properties());
        String appName = properties.getOrDefault("spark.app.name", launch.name() == null ? appId : launch.name());
        String jars = properties.get("spark.jars");
        properties.put("spark.app.name", appName);
        properties.put("spark.app.id", appId);
        properties.put("spark.master", "k8s://https://kubernetes.default.svc:443");
        properties.put("spark.submit.deployMode", "cluster");
        properties.put("spark.kubernetes.namespace", launch.namespace());
        properties.put("spark.kubernetes.driver.pod.name", podName);
        properties.put("spark.kubernetes.container.image", image);
        // spark-submit lists the primary resource among the jars of a JVM application
        properties.put("spark.jars", jars == null || jars.isBlank() ? launch.entryPoint() : launch.entryPoint() + "," + jars);

        String configMapName = "spark-drv-" + launch.jobRunId() + "-conf-map";
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(JOB_ID_LABEL, launch.jobRunId());
        labels.put(VIRTUAL_CLUSTER_LABEL, launch.virtualClusterId());
        labels.put(COMPONENT_LABEL, "driver");
        labels.put(RESOURCE_TYPE_LABEL, "job.run");
        labels.put(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER);
        labels.put(SparkLabels.SPARK_APP_SELECTOR, appId);
        labels.put(SparkLabels.SPARK_APP_NAME, appNameLabel(appName));

        ConfigMap configMap = new ConfigMapBuilder().withNewMetadata().withName(configMapName)
                .withNamespace(launch.namespace()).withLabels(Map.of(JOB_ID_LABEL, launch.jobRunId(),
                        VIRTUAL_CLUSTER_LABEL, launch.virtualClusterId()))
                .endMetadata()
                .withData(Map.of(CONF_FILE, propertiesText(properties)))
                .build();

        List<String> args = new ArrayList<>(List.of("driver", "--properties-file", CONF_DIR + "/" + CONF_FILE));
        if (parameters.mainClass() != null) {
            args.addAll(List.of("--class", parameters.mainClass()));
        }
        args.add(launch.entryPoint());
        args.addAll(launch.entryPointArguments());
        Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(launch.namespace())
                .withLabels(labels).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName(SparkLabels.DRIVER_CONTAINER).withImage(image).withArgs(args)
                .addNewPort().withName("driver-rpc-port").withContainerPort(7078).withProtocol("TCP").endPort()
                .addNewPort().withName("blockmanager").withContainerPort(7079).withProtocol("TCP").endPort()
                .addNewPort().withName("spark-ui").withContainerPort(4040).withProtocol("TCP").endPort()
                .addNewEnv().withName("SPARK_APPLICATION_ID").withValue(appId).endEnv()
                .addNewEnv().withName("SPARK_CONF_DIR").withValue(CONF_DIR).endEnv()
                .addNewVolumeMount().withName(CONF_VOLUME).withMountPath(CONF_DIR).endVolumeMount()
                .endContainer()
                .addNewVolume().withName(CONF_VOLUME).withNewConfigMap().withName(configMapName)
                .addNewItem().withKey(CONF_FILE).withPath(CONF_FILE).endItem().endConfigMap().endVolume()
                .endSpec()
                .build();
        return new EmrDriverPod(configMap, pod);
    }

    /** Spark's {@code spark-app-name} label: the name lower-cased, other characters as '-', at most 63. */
    static String appNameLabel(String appName) {
        String label = appName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9\\-.]", "-")
                .replaceAll("^[^a-z0-9]+", "");
        label = label.length() > 63 ? label.substring(0, 63) : label;
        return label.replaceAll("[^a-z0-9]+$", "");
    }

    private static String propertiesText(Map<String, String> properties) {
        Properties p = new Properties();
        p.putAll(properties);
        StringWriter out = new StringWriter();
        try {
            p.store(out, "spark.properties of EMR on EKS job run driver");
        } catch (IOException e) {
            throw new UncheckedIOException("writing into memory cannot fail", e);
        }
        return out.toString();
    }
}
