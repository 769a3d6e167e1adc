package io.jenkins.plugins.sparkeks.conformance;

import io.jenkins.plugins.sparkeks.conformance.OracleComparison.OracleCase;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver objects against spark-submit 4.0.2, for users whose image runs Spark 4: same comparison as
 * {@link SparkSubmitConformanceTest}, with the {@code spark-version} label set to 4.0.2 on our side.
 */
class SparkSubmit4ConformanceTest {

    private static final String IMAGE = "example.invalid/spark:4.0.2";

    private static OracleComparison oracle;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        oracle = OracleComparison.forSpark("spark40.libDir", "spark-kubernetes_2.13-4.0.2.jar");
    }

    @AfterAll
    static void stop() {
        if (oracle != null) {
            oracle.close();
        }
    }

    @Test
    void jvmApplication() throws Exception {
        oracle.compare(new OracleCase(
                List.of("--name", "Spark Pi", "--class", "org.apache.spark.examples.SparkPi",
                        "--driver-memory", "2g", "--num-executors", "3",
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "local:///opt/spark/examples/jars/spark-examples.jar", "100"),
                SparkSubmitRequest.builder("Spark Pi")
                        .mainClass("org.apache.spark.examples.SparkPi")
                        .primaryResource("local:///opt/spark/examples/jars/spark-examples.jar")
                        .appArgs("100")
                        .image(IMAGE)
                        .sparkVersion("4.0.2")
                        .driverMemory("2g").executorInstances(3),
                null), work);
    }

    @Test
    void pysparkApplication() throws Exception {
        oracle.compare(new OracleCase(
                List.of("--name", "py", "--driver-memory", "4g",
                        "--py-files", "https://files.example.invalid/lib/deps.zip",
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "s3a://bucket/jobs/etl.py"),
                SparkSubmitRequest.builder("py")
                        .primaryResource("s3a://bucket/jobs/etl.py")
                        .image(IMAGE)
                        .sparkVersion("4.0.2")
                        .driverMemory("4g")
                        .pyFiles(List.of("https://files.example.invalid/lib/deps.zip")),
                null), work);
    }
    /** Spark 4 raises the driver's overhead floor to spark.driver.minMemoryOverhead: 2g heap + 1g, not + 384m. */
    @Test
    void minimumMemoryOverheadRaisesTheDriverFloor() throws Exception {
        oracle.compare(new OracleCase(
                List.of("--name", "floor", "--class", "com.example.Main", "--driver-memory", "2g",
                        "--conf", "spark.driver.minMemoryOverhead=1g",
                        "--conf", "spark.kubernetes.container.image=" + IMAGE,
                        "local:///opt/app/app.jar"),
                SparkSubmitRequest.builder("floor")
                        .mainClass("com.example.Main")
                        .primaryResource("local:///opt/app/app.jar")
                        .image(IMAGE)
                        .sparkVersion("4.0.2")
                        .driverMemory("2g")
                        .conf("spark.driver.minMemoryOverhead", "1g"),
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
                        .image(IMAGE)
                        .sparkVersion("4.0.2"),
                null), work);
    }
}
