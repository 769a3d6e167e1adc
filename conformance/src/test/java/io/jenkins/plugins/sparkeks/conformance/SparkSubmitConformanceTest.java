package io.jenkins.plugins.sparkeks.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImages;
import io.jenkins.plugins.sparkeks.core.k8s.submit.DriverPodSubmitter;
import io.jenkins.plugins.sparkeks.core.k8s.submit.DriverSpecBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our driver objects against the real spark-submit 3.5.6. Dependencies use local:// and https:// because
 * spark-submit expands other schemes through Hadoop file systems that are not on its classpath here: both submit the same application to one mock API server
 * (spark-submit in a child JVM, ours through {@link DriverPodSubmitter}), then the stored Pod, ConfigMap and
 * Service are compared field by field.
 *
 * <p>Compared: every field of the three objects as stored (metadata name, namespace, labels, annotations,
 * ownerReferences; the executor-template ConfigMap when there is one; the whole pod spec: containers, args, env, ports, resources, volume mounts, volumes,
 * restartPolicy, serviceAccount, nodeSelector, imagePullSecrets, tolerations, sidecars; the Service spec; the
 * ConfigMap's immutability and data, {@code spark.properties} entry by entry), after these normalisations:
 * <ul>
 *   <li>Spark's random ids (application id, name prefix, ConfigMap id, local-dir uuid) are replaced by ours, and
 *       the two namespaces are unified;</li>
 *   <li>fields the API server assigns (uid, resourceVersion, creationTimestamp, generation, status) are dropped;</li>
 *   <li>{@code spark.app.submitTime} is masked (both are "now").</li>
 * </ul>
 * Intentional differences, removed before comparing:
 * <ul>
 *   <li>our managed-by and submission-key labels on the ConfigMaps and Service (spark-submit labels none of them)
 *       so leftovers can be found; on the pod they are driver labels, passed to spark-submit the same way;</li>
 *   <li>spark-submit's {@code spark.kubernetes.submission.waitAppCompletion} (we wait ourselves) and
 *       {@code spark.kubernetes.driver.podTemplateFile} (a path on the submitting machine; we take the YAML).</li>
 * </ul>
 */
class SparkSubmitConformanceTest {

    private static final String IMAGE = "example.invalid/spark:3.5.6";
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final AtomicInteger RUN = new AtomicInteger();

    private static ApplyAsCreateOrReplaceServer server;
    private static KubernetesClient client;
    private static Path sparkLib;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        String dir = System.getProperty("spark35.libDir");
        assertThat(dir).as("system property spark35.libDir (set by the conformance pom)").isNotNull();
        sparkLib = Path.of(dir);
        assertThat(sparkLib.resolve("spark-kubernetes_2.12-3.5.6.jar"))
                .as("Spark 3.5.6 jars; build with: mvn -pl conformance -am verify").exists();
        server = new ApplyAsCreateOrReplaceServer();
        client = server.client();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void jvmApplicationWithResourcesConfAndArguments() throws Exception {
        compare(new OracleCase(
                List.of("--name", "Spark Pi", "--class", "org.apache.spark.examples.SparkPi",
                        "--driver-memory", "2g", "--driver-cores", "2", "--executor-memory", "3g",
                        "--executor-cores", "2", "--num-executors", "3",
                        "--jars", "local:///opt/extra/a.jar,https://repo.example.invalid/b.jar",
                        "--files", "https://files.example.invalid/conf/app.json",
                        "--conf", "spark.sql.shuffle.partitions=64",
                        "--conf", "spark.kubernetes.driver.limit.cores=3",
                        "--conf", "spark.kubernetes.authenticate.driver.serviceAccountName=spark",
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "local:///opt/spark/examples/jars/spark-examples.jar", "100", "--flag=x y"),
                SparkSubmitRequest.builder("Spark Pi")
                        .mainClass("org.apache.spark.examples.SparkPi")
                        .primaryResource("local:///opt/spark/examples/jars/spark-examples.jar")
                        .appArgs("100", "--flag=x y")
                        .image(IMAGE)
                        .driverMemory("2g").driverCores(2).executorMemory("3g").executorCores(2).executorInstances(3)
                        .jars(List.of("local:///opt/extra/a.jar", "https://repo.example.invalid/b.jar"))
                        .files(List.of("https://files.example.invalid/conf/app.json"))
                        .conf("spark.sql.shuffle.partitions", "64")
                        .conf("spark.kubernetes.driver.limit.cores", "3")
                        .serviceAccount("spark"),
                null));
    }

    @Test
    void pysparkApplicationWithPyFiles() throws Exception {
        compare(new OracleCase(
                List.of("--name", "py_etl", "--driver-memory", "4g",
                        "--py-files", "https://files.example.invalid/lib/deps.zip,local:///opt/app/util.py",
                        "--conf", "spark.pyspark.python=python3",
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "s3a://bucket/jobs/etl.py", "--date", "2026-01-01"),
                SparkSubmitRequest.builder("py_etl")
                        .primaryResource("s3a://bucket/jobs/etl.py")
                        .appArgs("--date", "2026-01-01")
                        .image(IMAGE)
                        .driverMemory("4g")
                        .pyFiles(List.of("https://files.example.invalid/lib/deps.zip", "local:///opt/app/util.py"))
                        .conf("spark.pyspark.python", "python3"),
                null));
    }

    @Test
    void customLabelsAnnotationsEnvAndPodSettings() throws Exception {
        compare(new OracleCase(
                List.of("--name", "labelled", "--class", "com.example.Main",
                        "--conf", "spark.kubernetes.driver.label.team=data",
                        "--conf", "spark.kubernetes.executor.label.team=data",
                        "--conf", "spark.kubernetes.driver.annotation.example.com/run={{APP_ID}}-run",
                        "--conf", "spark.kubernetes.executor.annotation.example.com/run={{APP_ID}}-run",
                        "--conf", "spark.kubernetes.driverEnv.FOO=bar",
                        "--conf", "spark.executorEnv.FOO=bar",
                        "--conf", "spark.kubernetes.node.selector.kubernetes.io/arch=arm64",
                        "--conf", "spark.kubernetes.container.image.pullPolicy=Always",
                        "--conf", "spark.kubernetes.container.image.pullSecrets=regcred",
                        "--conf", "spark.kubernetes.driver.service.annotation.example.com/svc=yes",
                        "--conf", "spark.kubernetes.driver.request.cores=500m",
                        "--conf", "spark.kubernetes.local.dirs.tmpfs=true",
                        "--conf", "spark.ui.port=4041",
                        "--conf", "spark.driver.memoryOverhead=700m",
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "s3a://bucket/app.jar"),
                SparkSubmitRequest.builder("labelled")
                        .mainClass("com.example.Main")
                        .primaryResource("s3a://bucket/app.jar")
                        .image(IMAGE)
                        .label("team", "data")
                        .annotation("example.com/run", "{{APP_ID}}-run")
                        .env("FOO", "bar")
                        .nodeSelector("kubernetes.io/arch", "arm64")
                        .imagePullPolicy("Always")
                        .imagePullSecret("regcred")
                        .driverMemoryOverhead("700m")
                        .conf("spark.kubernetes.driver.service.annotation.example.com/svc", "yes")
                        .conf("spark.kubernetes.driver.request.cores", "500m")
                        .conf("spark.kubernetes.local.dirs.tmpfs", "true")
                        .conf("spark.ui.port", "4041"),
                null));
    }

    @Test
    void driverPodTemplate() throws Exception {
        String template = """
                apiVersion: v1
                kind: Pod
                metadata:
                  labels:
                    from-template: "yes"
                  annotations:
                    example.com/template: "t1"
                spec:
                  nodeSelector:
                    pool: spark
                  tolerations:
                  - key: dedicated
                    operator: Equal
                    value: spark
                    effect: NoSchedule
                  securityContext:
                    fsGroup: 185
                  volumes:
                  - name: cache
                    emptyDir: {}
                  containers:
                  - name: log-shipper
                    image: example.invalid/shipper:1
                  - name: main
                    env:
                    - name: FROM_TEMPLATE
                      value: "1"
                    volumeMounts:
                    - name: cache
                      mountPath: /cache
                    resources:
                      requests:
                        ephemeral-storage: 1Gi
                """;
        compare(new OracleCase(
                List.of("--name", "templated", "--class", "com.example.Main",
                        "--conf", "spark.kubernetes.driver.podTemplateContainerName=main",
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "local:///opt/app/app.jar"),
                SparkSubmitRequest.builder("templated")
                        .mainClass("com.example.Main")
                        .primaryResource("local:///opt/app/app.jar")
                        .image(IMAGE)
                        .conf("spark.kubernetes.driver.podTemplateContainerName", "main")
                        .driverPodTemplate(template),
                template));
    }

    @Test
    void executorPodTemplateTravelsInItsOwnConfigMap() throws Exception {
        String executorTemplate = """
                apiVersion: v1
                kind: Pod
                spec:
                  tolerations:
                  - key: spot
                    operator: Exists
                    effect: NoSchedule
                """;
        Path file = work.resolve("executor-template.yaml");
        Files.writeString(file, executorTemplate);
        compare(new OracleCase(
                List.of("--name", "exec-templated", "--class", "com.example.Main",
                        "--conf", "spark.kubernetes.executor.podTemplateFile=" + file,
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "local:///opt/app/app.jar"),
                SparkSubmitRequest.builder("exec-templated")
                        .mainClass("com.example.Main")
                        .primaryResource("local:///opt/app/app.jar")
                        .image(IMAGE)
                        .executorPodTemplate(executorTemplate),
                null));
    }

    /** The same application as spark-submit flags and as our request (namespace left to the harness). */
    record OracleCase(List<String> sparkSubmitArgs, SparkSubmitRequest.Builder request, String template) {}

    private void compare(OracleCase c) throws Exception {
        int run = RUN.incrementAndGet();
        String sparkNs = "spark-oracle-" + run;
        String ourNs = "ours-" + run;
        SubmissionKey key = new SubmissionKey("conformance-" + run);

        List<String> args = new ArrayList<>(List.of("--master", "k8s://" + server.url(), "--deploy-mode", "cluster",
                "--conf", "spark.kubernetes.namespace=" + sparkNs,
                "--conf", "spark.kubernetes.submission.waitAppCompletion=false",
                "--conf", "spark.kubernetes.driver.label." + SparkLabels.MANAGED_BY + "=" + SparkLabels.MANAGED_BY_VALUE,
                "--conf", "spark.kubernetes.driver.label." + SparkLabels.SUBMISSION_KEY + "=" + key.hash(32)));
        if (c.template() != null) {
            Path file = work.resolve("driver-template.yaml");
            Files.writeString(file, c.template());
            args.addAll(List.of("--conf", "spark.kubernetes.driver.podTemplateFile=" + file));
        }
        args.addAll(c.sparkSubmitArgs());
        SparkSubmitProcess.Result result = new SparkSubmitProcess(sparkLib, work).run(args);
        assertThat(result.exitCode()).as("spark-submit exit code; output:\n%s", result.output()).isZero();
        SubmittedObjects spark = SubmittedObjects.in(client, sparkNs);

        DriverSpecBuilder builder = new DriverSpecBuilder(Clock.fixed(NOW, ZoneOffset.UTC), EmrSparkImages.bundled());
        new DriverPodSubmitter(client, ClusterCoordinates.server(server.url()), builder, new SparkSubmitValidator())
                .submit(c.request().namespace(ourNs).build(), key, JobObserver.NONE);
        SubmittedObjects ours = SubmittedObjects.in(client, ourNs);

        Map<String, String> rename = new LinkedHashMap<>();
        rename.put(spark.appId(), ours.appId());
        rename.put(spark.configMap().getMetadata().getName(), ours.configMap().getMetadata().getName());
        rename.put(spark.service().getMetadata().getName(), ours.service().getMetadata().getName());
        rename.put(spark.podName(), ours.podName());
        rename.put(spark.localDirs(), ours.localDirs());
        rename.put(sparkNs, ourNs);
        List<String> sparkOnlyProperties = List.of(
                "spark.kubernetes.submission.waitAppCompletion", "spark.kubernetes.driver.podTemplateFile");
        List<String> ourLabels = List.of(SparkLabels.MANAGED_BY, SparkLabels.SUBMISSION_KEY);
        JsonNode expected = spark.normalised(rename, sparkOnlyProperties, Map.of());
        JsonNode actual = ours.normalised(Map.of(), List.of(),
                Map.of("configMap", ourLabels, "service", ourLabels, "executorTemplateConfigMap", ourLabels));

        // guards against a vacuous pass: the trees must hold the fields that matter
        assertThat(ObjectDiff.flatten(expected)).containsKeys(
                "pod.metadata.labels.spark-app-selector", "pod.spec.restartPolicy", "pod.spec.containers[0].image",
                "pod.spec.volumes[0].name", "service.spec.selector.spark-role", "service.spec.ports[2].port",
                "configMap.data.spark.properties.spark.app.id", "configMap.data.spark.properties.spark.driver.host");
        System.out.println("compared " + ObjectDiff.flatten(expected).size() + " fields:\n" + expected.toPrettyString());
        assertThat(ObjectDiff.between(expected, actual))
                .as("differences between spark-submit 3.5.6 and our driver objects")
                .isEmpty();
    }
}
