package io.jenkins.plugins.sparkeks.conformance;

import io.jenkins.plugins.sparkeks.conformance.OracleComparison.OracleCase;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private static OracleComparison oracle;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        oracle = OracleComparison.forSpark("spark35.libDir", "spark-kubernetes_2.12-3.5.6.jar");
    }

    @AfterAll
    static void stop() {
        if (oracle != null) {
            oracle.close();
        }
    }

    @Test
    void jvmApplicationWithResourcesConfAndArguments() throws Exception {
        oracle.compare(new OracleCase(
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
                null), work);
    }

    @Test
    void pysparkApplicationWithPyFiles() throws Exception {
        oracle.compare(new OracleCase(
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
                null), work);
    }

    @Test
    void customLabelsAnnotationsEnvAndPodSettings() throws Exception {
        oracle.compare(new OracleCase(
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
                null), work);
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
        oracle.compare(new OracleCase(
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
                template), work);
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
        oracle.compare(new OracleCase(
                List.of("--name", "exec-templated", "--class", "com.example.Main",
                        "--conf", "spark.kubernetes.executor.podTemplateFile=" + file,
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "local:///opt/app/app.jar"),
                SparkSubmitRequest.builder("exec-templated")
                        .mainClass("com.example.Main")
                        .primaryResource("local:///opt/app/app.jar")
                        .image(IMAGE)
                        .executorPodTemplate(executorTemplate),
                null), work);
    }
    /** The whole name stays in the pod name; the Service falls back to spark-<id>-driver-svc past 63 characters. */
    @Test
    void longApplicationName() throws Exception {
        String name = "Quarterly revenue reconciliation across every regional ledger and subsidiary";
        oracle.compare(new OracleCase(
                List.of("--name", name, "--class", "com.example.Main",
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "local:///opt/app/app.jar"),
                SparkSubmitRequest.builder(name)
                        .mainClass("com.example.Main")
                        .primaryResource("local:///opt/app/app.jar")
                        .image(IMAGE),
                null), work);
    }

    /** List-valued conf read as spark-submit reads it: entries trimmed, empty ones dropped. */
    @Test
    void listValuedConfIsNormalised() throws Exception {
        String files = " local:///opt/data/a.txt, ,https://files.example.invalid/b.txt ,";
        String archives = "https://files.example.invalid/env.tar.gz#env , ";
        String jars = "local:///opt/extra/a.jar ,, https://repo.example.invalid/b.jar";
        oracle.compare(new OracleCase(
                List.of("--name", "lists", "--class", "com.example.Main",
                        "--conf", "spark.files=" + files,
                        "--conf", "spark.archives=" + archives,
                        "--conf", "spark.jars=" + jars,
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "local:///opt/app/app.jar"),
                SparkSubmitRequest.builder("lists")
                        .mainClass("com.example.Main")
                        .primaryResource("local:///opt/app/app.jar")
                        .image(IMAGE)
                        .conf("spark.files", files)
                        .conf("spark.archives", archives)
                        .conf("spark.jars", jars),
                null), work);
    }
}
