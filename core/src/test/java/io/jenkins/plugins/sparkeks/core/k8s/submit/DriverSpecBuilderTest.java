package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImages;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriverSpecBuilderTest {

    private static final SubmissionKey KEY = new SubmissionKey("job/42#step-1");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String API = "https://ABC.gr7.us-east-1.eks.amazonaws.com/";

    private final DriverSpecBuilder builder = new DriverSpecBuilder(CLOCK, EmrSparkImages.bundled());

    private static SparkSubmitRequest.Builder jvm() {
        return SparkSubmitRequest.builder("Nightly ETL")
                .namespace("spark-apps")
                .image("example.invalid/spark:3.5.6")
                .mainClass("com.example.Main")
                .primaryResource("local:///opt/app/app.jar");
    }

    private static SparkSubmitRequest.Builder python() {
        return SparkSubmitRequest.builder("py-job").image("example.invalid/spark:3.5.6").primaryResource("s3a://b/job.py");
    }

    private static Container driver(Pod pod) {
        List<Container> containers = pod.getSpec().getContainers();
        return containers.get(containers.size() - 1);
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst().orElse(null);
    }

    @ParameterizedTest(name = "{0} heap {1}, overhead {2}, factor {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "jvm,    -,   -,    -,   1408Mi",   // 1024 + min 384
            "jvm,    4g,  -,    -,   4505Mi",   // 4096 + 409
            "python, 4g,  -,    -,   5734Mi",   // 4096 + 1638 (0.4 for non-JVM)
            "python, 512m,-,    -,   896Mi",    // 512 + min 384
            "jvm,    1g,  700m, -,   1724Mi",   // explicit overhead wins
            "jvm,    10g, -,    0.2, 12288Mi",  // spark.driver.memoryOverheadFactor
            "jvm,    2048,-,    -,   2432Mi",   // a plain number is MiB
    })
    void memoryRequestAndLimitFollowSparksOverheadRule(String kind, String heap, String overhead, String factor, String expected) {
        SparkSubmitRequest.Builder b = kind.equals("jvm") ? jvm() : python();
        b.driverMemory(heap).driverMemoryOverhead(overhead);
        if (factor != null) {
            b.conf("spark.driver.memoryOverheadFactor", factor);
        }
        Container c = driver(builder.build(b.build(), KEY, API, null).pod());
        assertThat(c.getResources().getRequests().get("memory").toString()).isEqualTo(expected);
        assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo(expected);
    }

    @Test
    void deprecatedKubernetesFactorReplacesThePythonDefault() {
        DriverSpec spec = builder.build(python().driverMemory("1g").conf("spark.kubernetes.memoryOverheadFactor", "0.5").build(), KEY, API, null);
        assertThat(driver(spec.pod()).getResources().getRequests().get("memory").toString()).isEqualTo("1536Mi");
        assertThat(spec.sparkProperties()).containsEntry("spark.kubernetes.memoryOverheadFactor", "0.5");
    }

    @Test
    void cpuRequestLimitAndCustomResources() {
        Container c = driver(builder.build(jvm().driverCores(2).conf("spark.kubernetes.driver.limit.cores", "3")
                .conf("spark.driver.resource.gpu.amount", "1").conf("spark.driver.resource.gpu.vendor", "nvidia.com")
                .build(), KEY, API, null).pod());
        assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("2");
        assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("3");
        assertThat(c.getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("1");
    }

    @Test
    void jvmDriverCommandEnvPortsAndConf() {
        DriverSpec spec = builder.build(jvm().appArgs("a", "b c").sparkUser("jenkins").build(), KEY, API, null);
        Container c = driver(spec.pod());
        assertThat(c.getName()).isEqualTo(SparkLabels.DRIVER_CONTAINER);
        assertThat(c.getArgs()).containsExactly("driver", "--properties-file", "/opt/spark/conf/spark.properties",
                "--class", "com.example.Main", "local:///opt/app/app.jar", "a", "b c");
        assertThat(c.getEnv()).extracting(EnvVar::getName).containsExactly("SPARK_USER", "SPARK_APPLICATION_ID",
                "SPARK_DRIVER_BIND_ADDRESS", "SPARK_LOCAL_DIRS", "SPARK_CONF_DIR");
        assertThat(env(c, "SPARK_USER")).isEqualTo("jenkins");
        assertThat(c.getEnv().get(2).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        assertThat(env(c, "SPARK_LOCAL_DIRS")).startsWith("/var/data/spark-");
        assertThat(c.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("driver-rpc-port:7078", "blockmanager:7079", "spark-ui:4040");
        assertThat(spec.pod().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.sparkProperties())
                .containsEntry("spark.master", "k8s://https://ABC.gr7.us-east-1.eks.amazonaws.com")
                .containsEntry("spark.app.id", spec.names().appId())
                .containsEntry("spark.kubernetes.driver.pod.name", spec.names().podName())
                .containsEntry("spark.driver.host", spec.names().serviceName() + ".spark-apps.svc")
                .containsEntry("spark.jars", "local:///opt/app/app.jar")
                .containsEntry("spark.kubernetes.resource.type", "java")
                .containsEntry("spark.kubernetes.memoryOverheadFactor", "0.1")
                .containsEntry("spark.app.submitTime", "1767225600000")
                .containsEntry("spark.submit.deployMode", "cluster");
        assertThat(spec.configMap().getImmutable()).isTrue();
        assertThat(spec.configMap().getData()).containsKeys("spark.properties", "spark.kubernetes.namespace");
    }

    @Test
    void pysparkRunsThePythonRunnerWithPyFilesAndInterpreter() {
        DriverSpec spec = builder.build(python().pyFiles(List.of("s3a://b/dep.zip")).conf("spark.pyspark.python", "python3")
                .appArgs("--day", "1").build(), KEY, API, null);
        Container c = driver(spec.pod());
        assertThat(c.getArgs()).containsExactly("driver", "--properties-file", "/opt/spark/conf/spark.properties",
                "--class", "org.apache.spark.deploy.PythonRunner", "s3a://b/job.py", "--day", "1");
        assertThat(env(c, "PYSPARK_PYTHON")).isEqualTo("python3");
        assertThat(env(c, "PYSPARK_DRIVER_PYTHON")).isEqualTo("python3");
        assertThat(spec.sparkProperties())
                .containsEntry("spark.submit.pyFiles", "s3a://b/dep.zip")
                .containsEntry("spark.kubernetes.resource.type", "python")
                .containsEntry("spark.kubernetes.memoryOverheadFactor", "0.4")
                .doesNotContainKey("spark.jars");
    }

    @Test
    void podTemplateIsMergedAsSparkDoes() {
        String template = """
                apiVersion: v1
                kind: Pod
                metadata:
                  labels: {from-template: "yes"}
                spec:
                  tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]
                  containers:
                  - name: sidecar
                    image: example.invalid/sidecar:1
                  - name: main
                    env: [{name: FIRST, value: "1"}]
                    resources: {requests: {ephemeral-storage: 1Gi}}
                """;
        DriverSpec spec = builder.build(jvm().driverPodTemplate(template)
                .conf("spark.kubernetes.driver.podTemplateContainerName", "main")
                .toleration(PodToleration.equal("team", "data", "NoSchedule")).build(), KEY, API, null);
        Pod pod = spec.pod();
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("sidecar", "main");
        Container main = driver(pod);
        assertThat(main.getImage()).isEqualTo("example.invalid/spark:3.5.6");
        assertThat(main.getEnv().get(0).getName()).isEqualTo("FIRST");
        assertThat(main.getResources().getRequests()).containsKeys("ephemeral-storage", "cpu", "memory");
        assertThat(pod.getMetadata().getLabels()).containsEntry("from-template", "yes").containsEntry("spark-role", "driver");
        assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey()).containsExactly("dedicated", "team");
    }

    @Test
    void executorTemplateIsShippedInAConfigMapMountedInTheDriver() {
        String yaml = "apiVersion: v1\nkind: Pod\nspec:\n  tolerations: [{key: spot, operator: Exists}]\n";
        DriverSpec spec = builder.build(jvm().executorPodTemplate(yaml).build(), KEY, API, null);
        assertThat(spec.executorTemplateConfigMap().getMetadata().getName())
                .isEqualTo("nightly-etl-" + KEY.hash(16) + "-driver-podspec-conf-map");
        assertThat(spec.executorTemplateConfigMap().getData()).containsEntry("podspec-configmap-key", yaml);
        assertThat(spec.executorTemplateConfigMap().getImmutable()).isTrue();
        assertThat(spec.sparkProperties())
                .containsEntry("spark.kubernetes.executor.podTemplateFile", "/opt/spark/pod-template/pod-spec-template.yml");
        assertThat(driver(spec.pod()).getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("pod-template-volume");
            assertThat(m.getMountPath()).isEqualTo("/opt/spark/pod-template");
        });
        assertThat(spec.ownedByDriver()).containsExactly(spec.service(), spec.executorTemplateConfigMap(), spec.configMap());
        assertThat(builder.build(jvm().build(), KEY, API, null).ownedByDriver()).hasSize(2);
    }

    @Test
    void namesAreDeterministicPerKeyAndDifferBetweenKeys() {
        SparkSubmitRequest request = jvm().build();
        DriverSpec first = builder.build(request, KEY, API, null);
        DriverSpec again = builder.build(request, KEY, API, null);
        DriverSpec other = builder.build(request, new SubmissionKey("job/42#step-2"), API, null);
        assertThat(again.pod()).isEqualTo(first.pod());
        assertThat(again.configMap()).isEqualTo(first.configMap());
        assertThat(again.service()).isEqualTo(first.service());
        assertThat(first.names().podName()).isEqualTo("nightly-etl-" + KEY.hash(16) + "-driver");
        assertThat(first.names().configMapName()).isEqualTo("spark-drv-" + KEY.hash(16) + "-conf-map");
        assertThat(first.names().serviceName()).isEqualTo("nightly-etl-" + KEY.hash(16) + "-driver-svc");
        assertThat(first.names().appId()).isEqualTo("spark-" + KEY.hash(32));
        assertThat(other.names().podName()).isNotEqualTo(first.names().podName());
        assertThat(other.names().appId()).isNotEqualTo(first.names().appId());
    }

    @Test
    void longAppNamesStayWholeInThePodNameAsWithSparkSubmit() {
        String longName = "A very long application name that goes on and on for the whole nightly batch";
        DriverNames names = builder.build(jvm().appName(longName).build(), KEY, API, null).names();
        assertThat(names.podName()).isEqualTo(
                "a-very-long-application-name-that-goes-on-and-on-for-the-whole-nightly-batch-" + KEY.hash(16) + "-driver");
        // Spark's own fallback once <prefix>-driver-svc is longer than a DNS label
        assertThat(names.serviceName()).isEqualTo("spark-" + KEY.hash(16) + "-driver-svc").hasSizeLessThanOrEqualTo(63);
        assertThat(names.appNameLabel()).hasSizeLessThanOrEqualTo(63).doesNotEndWith("-");
        assertThat(DriverNames.of("1st_run", KEY).podName()).startsWith("xst-run-");
    }

    @Test
    void labelsSelectorAndOwnedObjectsCarryOurLabels() {
        DriverSpec spec = builder.build(jvm().label("team", "data").build(), KEY, API, null);
        Map<String, String> labels = spec.pod().getMetadata().getLabels();
        assertThat(labels).containsEntry(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                .containsEntry(SparkLabels.SUBMISSION_KEY, KEY.hash(32))
                .containsEntry(SparkLabels.SPARK_APP_SELECTOR, spec.names().appId())
                .containsEntry(SparkLabels.SPARK_APP_NAME, "nightly-etl")
                .containsEntry(SparkLabels.SPARK_VERSION, "3.5.6")
                .containsEntry("team", "data");
        assertThat(spec.service().getSpec().getSelector()).isEqualTo(labels);
        assertThat(spec.service().getSpec().getClusterIP()).isEqualTo("None");
        assertThat(spec.configMap().getMetadata().getLabels()).containsEntry(SparkLabels.SUBMISSION_KEY, KEY.hash(32));
        assertThat(spec.service().getMetadata().getLabels()).containsEntry(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE);
    }

    @Test
    void defaultImageIsTheEmrImageOfTheRegionAndRelease() {
        SparkSubmitRequest noImage = jvm().image(null).build();
        DriverSpec oregon = builder.build(noImage, KEY, API, "us-west-2");
        assertThat(driver(oregon.pod()).getImage()).isEqualTo("895885662937.dkr.ecr.us-west-2.amazonaws.com/spark/emr-7.12.0:latest");
        assertThat(oregon.pod().getMetadata().getLabels()).containsEntry(SparkLabels.SPARK_VERSION, "3.5.6-amzn-1");
        DriverSpec elsewhere = builder.build(noImage.toBuilder().emrRelease("emr-7.9.0").build(), KEY, API, "xx-nowhere-1");
        assertThat(driver(elsewhere.pod()).getImage()).isEqualTo("public.ecr.aws/emr-on-eks/spark/emr-7.9.0:latest");
        assertThat(elsewhere.pod().getMetadata().getLabels()).containsEntry(SparkLabels.SPARK_VERSION, "3.5.5-amzn-0");
        DriverSpec own = builder.build(jvm().sparkVersion("3.5.1").build(), KEY, API, "us-west-2");
        assertThat(own.pod().getMetadata().getLabels()).containsEntry(SparkLabels.SPARK_VERSION, "3.5.1");
    }

    @Test
    void propertiesFileIsStableAndSorted() {
        DriverSpec spec = builder.build(jvm().conf("spark.b", "2").conf("spark.a", "x=y").build(), KEY, API, null);
        String text = spec.configMap().getData().get("spark.properties");
        assertThat(text).startsWith("#Java properties built from Kubernetes config map with name: " + spec.names().configMapName()
                + "\n#Thu Jan 01 00:00:00 UTC 2026\n");
        assertThat(text).contains("spark.a=x\\=y\n");
        assertThat(text.indexOf("spark.a=")).isLessThan(text.indexOf("spark.b="));
    }

    @Test
    void secretsStayOutOfToStrings() {
        SparkSubmitRequest request = jvm().conf("spark.hadoop.fs.s3a.secret.key", "TOPSECRET1")
                .env("DB_PASSWORD", "TOPSECRET2").build();
        DriverSpec spec = builder.build(request, KEY, API, null);
        assertThat(request.toString()).doesNotContain("TOPSECRET1", "TOPSECRET2").contains("DB_PASSWORD");
        assertThat(spec.toString()).doesNotContain("TOPSECRET1", "TOPSECRET2");
    }
}
