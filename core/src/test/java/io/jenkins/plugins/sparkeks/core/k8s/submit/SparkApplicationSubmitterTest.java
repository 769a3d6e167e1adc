package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SparkApplicationSubmitterTest {

    static KubernetesClient client;

    private static final ClusterCoordinates CLUSTER = ClusterCoordinates.eks("us-west-2", "test");

    private SparkApplicationSubmitter submitter() {
        return new SparkApplicationSubmitter(client, CLUSTER);
    }

    private static SparkSubmitRequest.Builder request(String ns) {
        return SparkSubmitRequest.builder("Nightly ETL").namespace(ns).mainClass("com.example.Main")
                .primaryResource("s3a://b/app.jar").appArgs("2026-01-01").driverMemory("2g").executorInstances(4)
                .label("team", "data").env("FOO", "bar").conf("spark.sql.shuffle.partitions", "64")
                .jars(List.of("s3a://b/dep.jar")).serviceAccount("spark")
                .toleration(PodToleration.equal("dedicated", "spark", "NoSchedule"));
    }

    private static List<GenericKubernetesResource> apps(String ns) {
        return client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT).inNamespace(ns).list().getItems();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void createsASparkApplicationNamedFromTheKey() {
        SubmissionKey key = new SubmissionKey("job/1#1");
        SparkApplicationReference ref = submitter().submit(request("op").build(), key, JobObserver.NONE);

        assertThat(ref.backend()).isEqualTo(Backend.SPARK_OPERATOR);
        assertThat(ref.name()).isEqualTo("nightly-etl-" + key.hash(16));
        assertThat(ref.driverPodName()).isEqualTo(ref.name() + "-driver").hasSizeLessThanOrEqualTo(63);
        GenericKubernetesResource app = apps("op").get(0);
        assertThat(app.getMetadata().getUid()).isEqualTo(ref.uid());
        assertThat(app.getMetadata().getLabels()).containsEntry(SparkLabels.SUBMISSION_KEY, key.hash(32))
                .containsEntry(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE).containsEntry("team", "data");
        Map<String, Object> spec = map(app.getAdditionalProperties().get("spec"));
        assertThat(spec).containsEntry("type", "Scala").containsEntry("mode", "cluster")
                .containsEntry("mainClass", "com.example.Main").containsEntry("mainApplicationFile", "s3a://b/app.jar")
                .containsEntry("arguments", List.of("2026-01-01"))
                .containsEntry("image", "895885662937.dkr.ecr.us-west-2.amazonaws.com/spark/emr-7.12.0:latest")
                .containsEntry("sparkVersion", "3.5.6-amzn-1")
                .containsEntry("sparkConf", Map.of("spark.sql.shuffle.partitions", "64"))
                .containsEntry("deps", Map.of("jars", List.of("s3a://b/dep.jar")))
                .containsEntry("restartPolicy", Map.of("type", "Never"));
        Map<String, Object> driver = map(spec.get("driver"));
        assertThat(driver).containsEntry("memory", "2g").containsEntry("serviceAccount", "spark")
                .containsEntry("env", List.of(Map.of("name", "FOO", "value", "bar")));
        assertThat(map(driver.get("labels"))).containsEntry(SparkLabels.SUBMISSION_KEY, key.hash(32));
        assertThat((List<?>) driver.get("tolerations")).hasSize(1);
        assertThat(map(spec.get("executor"))).containsEntry("instances", 4);
    }

    @Test
    void pysparkAndTemplate() {
        GenericKubernetesResource app = new SparkApplicationBuilder().build(SparkSubmitRequest.builder("py")
                .primaryResource("s3a://b/job.py").pyFiles(List.of("s3a://b/lib.zip")).image("example.invalid/spark:3.5.6")
                .driverPodTemplate("apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {fsGroup: 185}\n")
                .executorPodTemplate("apiVersion: v1\nkind: Pod\nspec:\n  tolerations: [{key: spot, operator: Exists}]\n").build(),
                new SubmissionKey("k"), null);
        Map<String, Object> spec = map(app.getAdditionalProperties().get("spec"));
        assertThat(spec).containsEntry("type", "Python").doesNotContainKey("mainClass").containsEntry("sparkVersion", "3.5.6");
        assertThat(map(spec.get("deps"))).containsEntry("pyFiles", List.of("s3a://b/lib.zip"));
        assertThat(map(map(map(spec.get("driver")).get("template")).get("spec"))).containsKey("securityContext");
        assertThat(map(map(map(spec.get("executor")).get("template")).get("spec"))).containsKey("tolerations");
    }

    @Test
    void resubmittingWithTheSameKeyAttaches() {
        SubmissionKey key = new SubmissionKey("job/2#1");
        SparkApplicationReference first = submitter().submit(request("op-again").build(), key, JobObserver.NONE);
        String version = apps("op-again").get(0).getMetadata().getResourceVersion();
        SparkApplicationReference second = submitter().submit(request("op-again").build(), key, JobObserver.NONE);
        assertThat(second).isEqualTo(first);
        assertThat(apps("op-again")).singleElement()
                .satisfies(a -> assertThat(a.getMetadata().getResourceVersion()).isEqualTo(version));
        submitter().submit(request("op-again").build(), new SubmissionKey("job/2#2"), JobObserver.NONE);
        assertThat(apps("op-again")).hasSize(2);
    }

    @Test
    void aForeignApplicationWithTheSameNameIsNotTakenOver() {
        SubmissionKey key = new SubmissionKey("job/3#1");
        client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT).inNamespace("op-foreign")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("sparkoperator.k8s.io/v1beta2")
                        .withKind("SparkApplication").withNewMetadata().withName(SparkApplicationBuilder.name("Nightly ETL", key))
                        .endMetadata().build())
                .create();
        assertThatThrownBy(() -> submitter().submit(request("op-foreign").build(), key, JobObserver.NONE))
                .isInstanceOf(JobException.class).hasMessageContaining("was not created for this submission");
    }

    @Test
    void longNamesLeaveRoomForTheOperatorsSuffixes() {
        String name = SparkApplicationBuilder.name("x".repeat(100), new SubmissionKey("k"));
        assertThat((name + "-ui-svc").length()).isLessThanOrEqualTo(63);
    }
}
