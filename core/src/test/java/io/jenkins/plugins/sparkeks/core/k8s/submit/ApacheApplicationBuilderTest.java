package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request in the fields the Apache operator reads, per language, with its retention policy. */
class ApacheApplicationBuilderTest {

    static final ResourceDefinitionContext V1BETA1 = new ResourceDefinitionContext.Builder().withGroup("spark.apache.org")
            .withVersion("v1beta1").withKind("SparkApplication").withPlural("sparkapplications").withNamespaced(true).build();

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(GenericKubernetesResource app) {
        return (Map<String, Object>) app.getAdditionalProperties().get("spec");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pythonGoesThroughPythonRunnerWithThePrimaryFileFirst() {
        SparkSubmitRequest r = SparkSubmitRequest.builder("etl").namespace("spark").image("apache/spark:4.0.1")
                .primaryResource("s3a://b/job.py").pyFiles(List.of("s3a://b/lib.zip", " ")).appArgs("2026-12-04")
                .sparkVersion("4.0.1").build();
        GenericKubernetesResource app = new ApacheApplicationBuilder(V1BETA1, Retention.DELETE).build(r, new SubmissionKey("k"), null);

        assertThat(app.getApiVersion()).isEqualTo("spark.apache.org/v1beta1");
        Map<String, Object> spec = spec(app);
        assertThat(spec).containsEntry("mainClass", "org.apache.spark.deploy.PythonRunner")
                .containsEntry("pyFiles", "s3a://b/job.py,s3a://b/lib.zip")
                .containsEntry("driverArgs", List.of("2026-12-04"))
                .containsEntry("runtimeVersions", Map.of("sparkVersion", "4.0.1"))
                .doesNotContainKeys("jars", "sparkRFiles");
        assertThat((Map<String, Object>) spec.get("applicationTolerations")).containsEntry("resourceRetainPolicy", "Never");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rAndTolerationsAndRetention() {
        SparkSubmitRequest r = SparkSubmitRequest.builder("report").namespace("spark").image("apache/spark:3.5.6")
                .primaryResource("local:///opt/report.R").toleration(PodToleration.exists("spot", "NoSchedule"))
                .conf("spark.kubernetes.driver.pod.name", "my-driver").build();
        GenericKubernetesResource app = new ApacheApplicationBuilder(V1BETA1, Retention.KEEP).build(r, new SubmissionKey("k"), null);

        Map<String, Object> spec = spec(app);
        assertThat(spec).containsEntry("sparkRFiles", "local:///opt/report.R").doesNotContainKey("mainClass");
        assertThat((Map<String, String>) spec.get("sparkConf")).as("the user's driver name wins")
                .containsEntry("spark.kubernetes.driver.pod.name", "my-driver");
        Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) spec.get("driverSpec"))
                .get("podTemplateSpec")).get("spec");
        assertThat((List<Map<String, Object>>) podSpec.get("tolerations"))
                .containsExactly(Map.of("key", "spot", "operator", "Exists", "effect", "NoSchedule"));
        assertThat((Map<String, Object>) spec.get("applicationTolerations")).containsEntry("resourceRetainPolicy", "Always");
        assertThat(ApacheApplicationBuilder.resourceRetainPolicy(Retention.KEEP_ON_FAILURE)).isEqualTo("OnFailure");
    }
}
