package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.images.EmrSparkImages;
import java.time.Clock;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where spark-submit's own behaviour used to be approximated: Spark 4's overhead floor, a namespace given in conf,
 * long application names, conf labels and list-valued conf. Every case goes through {@link DriverPodSubmitter}
 * against a mock API server and looks at what was stored.
 */
@EnableKubernetesMockClient(crud = true)
class SparkSubmitFidelityTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final ClusterCoordinates CLUSTER = ClusterCoordinates.eks("us-west-2", "test");

    private static DriverPodSubmitter submitter() {
        return new DriverPodSubmitter(client, CLUSTER, new DriverSpecBuilder(Clock.systemUTC(), EmrSparkImages.bundled()),
                new SparkSubmitValidator());
    }

    private static SparkSubmitRequest.Builder app(String name) {
        return SparkSubmitRequest.builder(name).image("example.invalid/spark:4.0.2").mainClass("com.example.Main")
                .primaryResource("local:///opt/app/app.jar");
    }

    private static Pod submit(SparkSubmitRequest request, String keyText) {
        DriverPodReference ref = submitter().submit(request, new SubmissionKey(keyText), JobObserver.NONE);
        return client.pods().inNamespace(ref.namespace()).withName(ref.podName()).get();
    }

    private static String memory(Pod pod) {
        List<io.fabric8.kubernetes.api.model.Container> cs = pod.getSpec().getContainers();
        return cs.get(cs.size() - 1).getResources().getLimits().get("memory").toString();
    }

    private static Properties sparkProperties(String namespace) throws Exception {
        ConfigMap cm = client.configMaps().inNamespace(namespace).list().getItems().stream()
                .filter(c -> c.getData().containsKey("spark.properties")).findFirst().orElseThrow();
        Properties p = new Properties();
        p.load(new StringReader(cm.getData().get("spark.properties")));
        return p;
    }

    @ParameterizedTest(name = "Spark {0}, heap {1}, min overhead {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "4.0.2,        2g,  1g,   3072Mi",  // 2048 + the raised floor
            "4.0.2,        2g,  -,    2432Mi",  // 2048 + the default floor 384
            "4.0.2,        2g,  1000, 3048Mi",  // a plain number is MiB
            "4.0.2,        10g, 512m, 11264Mi", // 10 % of 10g (1024) is above the floor
            "4.1.0-amzn-0, 1g,  2g,   3072Mi",  // vendor suffixes read as their release
            "3.5.6,        2g,  1g,   2432Mi",  // Spark 3.5 ignores the key: fixed 384
            "nightly,      2g,  1g,   2432Mi",  // no version number: 3.5 rules
    })
    void sparkFourMinimumOverheadRaisesTheFloorOnlyForSparkFour(String version, String heap, String min, String expected) {
        SparkSubmitRequest.Builder b = app("mem").namespace("mem-" + version.replace('.', '-')).sparkVersion(version)
                .driverMemory(heap);
        if (min != null) {
            b.conf("spark.driver.minMemoryOverhead", min);
        }
        Pod pod = submit(b.build(), "mem/" + version + heap + min);
        assertThat(memory(pod)).isEqualTo(expected);
        assertThat(pod.getMetadata().getLabels()).containsEntry("spark-version", version);
    }

    @Test
    void withTheDefaultEmrImageItsSparkVersionDecidesTheRules() {
        SparkSubmitRequest.Builder b = SparkSubmitRequest.builder("emr").namespace("emr-default").emrRelease("emr-7.12.0")
                .mainClass("com.example.Main").primaryResource("local:///opt/app/app.jar").driverMemory("2g")
                .conf("spark.driver.minMemoryOverhead", "1g");

        Pod pod = submit(b.build(), "emr-default");
        assertThat(pod.getMetadata().getLabels()).containsEntry("spark-version", "3.5.6-amzn-1");
        assertThat(memory(pod)).isEqualTo("2432Mi");

        Pod overridden = submit(b.namespace("emr-override").sparkVersion("4.0.2").build(), "emr-override");
        assertThat(memory(overridden)).isEqualTo("3072Mi");
    }

    @Test
    void minimumOverheadsMustBeSparkSizes() {
        InvalidJobSpecException e = catchThrowableOfType(InvalidJobSpecException.class, () -> submitter().submit(
                app("mem").namespace("mem-bad").sparkVersion("4.0.2").conf("spark.driver.minMemoryOverhead", "1.5g")
                        .conf("spark.executor.minMemoryOverhead", "lots").build(),
                new SubmissionKey("mem-bad"), JobObserver.NONE));
        assertThat(e.errors()).extracting(FieldError::field)
                .contains("conf[spark.driver.minMemoryOverhead]", "conf[spark.executor.minMemoryOverhead]");
        assertThat(client.configMaps().inNamespace("mem-bad").list().getItems()).isEmpty();
    }

    @Test
    void aNamespaceGivenOnlyInConfIsWhereTheDriverGoes() throws Exception {
        Pod pod = submit(app("conf-ns").conf("spark.kubernetes.namespace", "team-conf").build(), "conf-ns");

        assertThat(pod.getMetadata().getNamespace()).isEqualTo("team-conf");
        assertThat(sparkProperties("team-conf").getProperty("spark.kubernetes.namespace")).isEqualTo("team-conf");
        assertThat(client.pods().inNamespace("default").list().getItems()).isEmpty();
    }

    @Test
    void theSameNamespaceInBothPlacesIsFine() {
        Pod pod = submit(app("both-ns").namespace("team-both").conf("spark.kubernetes.namespace", "team-both").build(),
                "both-ns");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("team-both");
    }

    @Test
    void differentNamespacesInFieldAndConfAreRefusedNamingBoth() {
        InvalidJobSpecException e = catchThrowableOfType(InvalidJobSpecException.class, () -> submitter().submit(
                app("clash").namespace("team-a").conf("spark.kubernetes.namespace", "team-b").build(),
                new SubmissionKey("clash"), JobObserver.NONE));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.field()).isEqualTo("namespace");
            assertThat(err.toString()).contains("'team-a'", "'team-b'", "spark.kubernetes.namespace");
        });
        assertThat(client.pods().inNamespace("team-a").list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace("team-b").list().getItems()).isEmpty();
    }

    @Test
    void aLongLegalAppNameStaysWholeInThePodName() {
        String name = "quarterly revenue reconciliation across every regional ledger and subsidiary";
        SubmissionKey key = new SubmissionKey("long-name");
        Pod pod = submit(app(name).namespace("long").build(), "long-name");

        String sanitised = "quarterly-revenue-reconciliation-across-every-regional-ledger-and-subsidiary";
        assertThat(pod.getMetadata().getName()).isEqualTo(sanitised + "-" + key.hash(16) + "-driver");
        assertThat(client.services().inNamespace("long").list().getItems()).singleElement()
                .satisfies(s -> assertThat(s.getMetadata().getName()).isEqualTo("spark-" + key.hash(16) + "-driver-svc"));
        assertThat(pod.getMetadata().getLabels().get("spark-app-name")).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void anAppNameTooLongForAnyKubernetesNameIsCutSoEveryObjectIsLegal() {
        String name = "x".repeat(300);
        SubmissionKey key = new SubmissionKey("too-long");
        Pod pod = submit(app(name).namespace("too-long")
                .executorPodTemplate("apiVersion: v1\nkind: Pod\nspec: {containers: [{name: e}]}\n").build(), "too-long");

        assertThat(pod.getMetadata().getName()).isEqualTo("x".repeat(DriverNames.MAX_APP_PART) + "-" + key.hash(16) + "-driver");
        assertThat(client.configMaps().inNamespace("too-long").list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .allSatisfy(n -> assertThat(n.length()).isLessThanOrEqualTo(253))
                .anySatisfy(n -> assertThat(n).hasSize(253).endsWith("-driver-podspec-conf-map"));
    }

    @Test
    void badLabelsInConfAreRefusedBeforeAnythingIsCreated() {
        InvalidJobSpecException e = catchThrowableOfType(InvalidJobSpecException.class, () -> submitter().submit(
                app("labels").namespace("labels")
                        .conf("spark.kubernetes.driver.label.team", "data platform")
                        .conf("spark.kubernetes.executor.label.cost", "-x-")
                        .conf("spark.kubernetes.driver.service.label.tier", "a".repeat(64))
                        .conf("spark.kubernetes.executor.label.bad key", "ok")
                        .conf("spark.kubernetes.driver.label.fine", "ok.value_1")
                        .build(),
                new SubmissionKey("labels"), JobObserver.NONE));

        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "conf[spark.kubernetes.driver.label.team]", "conf[spark.kubernetes.executor.label.cost]",
                "conf[spark.kubernetes.driver.service.label.tier]", "conf[spark.kubernetes.executor.label.bad key]");
        assertThat(e.errors()).allSatisfy(err -> assertThat(err.toString()).doesNotContain("data platform"));
        assertThat(client.configMaps().inNamespace("labels").list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace("labels").list().getItems()).isEmpty();
    }

    @Test
    void listValuedConfIsNormalisedAsSparkReadsIt() throws Exception {
        submit(app("lists").namespace("lists")
                .conf("spark.files", " s3a://b/one.txt, ,https://h/two.txt ,")
                .conf("spark.archives", "s3a://b/env.tar.gz#env , ")
                .conf("spark.submit.pyFiles", " , ")
                .conf("spark.jars", "s3a://b/x.jar ,, s3a://b/y.jar")
                .build(), "lists");

        Properties p = sparkProperties("lists");
        assertThat(p.getProperty("spark.files")).isEqualTo("s3a://b/one.txt,https://h/two.txt");
        assertThat(p.getProperty("spark.archives")).isEqualTo("s3a://b/env.tar.gz#env");
        assertThat(p.getProperty("spark.submit.pyFiles")).isEmpty();
        assertThat(p.getProperty("spark.jars")).isEqualTo("s3a://b/x.jar,s3a://b/y.jar,local:///opt/app/app.jar");
    }

    @Test
    void listFieldsAreTrimmedAndAgreeWithTheSameListInConf() throws Exception {
        submit(app("list-fields").namespace("list-fields")
                .files(List.of(" s3a://b/one.txt", "https://h/two.txt "))
                .conf("spark.files", "s3a://b/one.txt , https://h/two.txt")
                .pyFiles(List.of(" s3a://b/dep.zip "))
                .build(), "list-fields");

        Properties p = sparkProperties("list-fields");
        assertThat(p.getProperty("spark.files")).isEqualTo("s3a://b/one.txt,https://h/two.txt");
        assertThat(p.getProperty("spark.submit.pyFiles")).isEqualTo("s3a://b/dep.zip");
    }

    @Test
    void aListFieldThatDiffersFromConfIsRefused() {
        InvalidJobSpecException e = catchThrowableOfType(InvalidJobSpecException.class, () -> submitter().submit(
                app("list-clash").namespace("list-clash").files(List.of("s3a://b/one.txt"))
                        .conf("spark.files", "s3a://b/other.txt").build(),
                new SubmissionKey("list-clash"), JobObserver.NONE));
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("files");
    }
}
