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

/**
 * Submits one application twice to a mock API server, once with a real spark-submit in a child JVM and once with
 * {@link DriverPodSubmitter}, and asserts the stored objects agree field by field (see
 * {@link SparkSubmitConformanceTest} for what is compared and normalised).
 */
final class OracleComparison implements AutoCloseable {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final Path sparkLib;
    private final ApplyAsCreateOrReplaceServer server = new ApplyAsCreateOrReplaceServer();
    private final KubernetesClient client = server.client();
    private final AtomicInteger run = new AtomicInteger();

    private OracleComparison(Path sparkLib) {
        this.sparkLib = sparkLib;
    }

    /** A comparison against the Spark whose jars the conformance pom copied to {@code System.getProperty(property)}. */
    static OracleComparison forSpark(String property, String kubernetesJar) {
        String dir = System.getProperty(property);
        assertThat(dir).as("system property %s (set by the conformance pom)", property).isNotNull();
        Path lib = Path.of(dir);
        assertThat(lib.resolve(kubernetesJar)).as("Spark jars; build with: mvn -pl conformance -am verify").exists();
        return new OracleComparison(lib);
    }

    /** The same application as spark-submit flags and as our request (namespace left to the harness). */
    record OracleCase(List<String> sparkSubmitArgs, SparkSubmitRequest.Builder request, String template) {}

    void compare(OracleCase c, Path work) throws Exception {
        int run = this.run.incrementAndGet();
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

        // names are renamed below, which would hide a different app-name part: compare it before the random id
        assertThat(beforeId(ours.podName(), "-driver")).as("driver pod name before the id")
                .isEqualTo(beforeId(spark.podName(), "-driver"));
        assertThat(beforeId(ours.service().getMetadata().getName(), "-driver-svc")).as("driver Service name before the id")
                .isEqualTo(beforeId(spark.service().getMetadata().getName(), "-driver-svc"));

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

    /** {@code name} without its trailing {@code -<hex id><suffix>}. */
    private static String beforeId(String name, String suffix) {
        assertThat(name).matches(".*-[0-9a-f]+" + java.util.regex.Pattern.quote(suffix));
        return name.substring(0, name.length() - suffix.length()).replaceAll("-[0-9a-f]+$", "");
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
