package io.jenkins.plugins.sparkeks.core.k8s.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secret conf and env on the driver-pod path, against a CRUD mock API server: the values live only in a Secret
 * owned by the driver pod; the pod spec, the {@code spark.properties} ConfigMap and every message carry names only.
 */
@EnableKubernetesMockClient(crud = true)
class SecretSubmissionTest {

    static KubernetesClient client;

    private static final String S3_SECRET = "s3-Secret-Value-1234";
    private static final String DB_PASSWORD = "db-Password-Value-5678";

    private final List<String> messages = new ArrayList<>();
    private final JobObserver observer = new JobObserver() {
        @Override
        public void diagnostic(String line) {
            messages.add(line);
        }
    };

    private static SparkSubmitRequest.Builder request(String ns) {
        return SparkSubmitRequest.builder("etl").namespace(ns).mainClass("com.example.Main")
                .primaryResource("local:///opt/app/app.jar").conf("spark.executor.instances", "2");
    }

    private DriverPodReference submit(SparkSubmitRequest request) {
        return new DriverPodSubmitter(client, ClusterCoordinates.eks("us-west-2", "test"))
                .submit(request, new SubmissionKey("job/secrets#1"), observer);
    }

    @Test
    void secretValuesLiveOnlyInASecretOwnedByTheDriverPod() {
        SparkSubmitRequest request = request("secrets").secretConf("spark.hadoop.fs.s3a.secret.key", S3_SECRET)
                .secretEnv("DB_PASSWORD", DB_PASSWORD).build();
        DriverPodReference ref = submit(request);

        Pod pod = client.pods().inNamespace("secrets").withName(ref.podName()).get();
        List<Secret> secrets = client.secrets().inNamespace("secrets").list().getItems();
        assertThat(secrets).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getUid()).isEqualTo(pod.getMetadata().getUid()));
            assertThat(decode(s, "spark.properties")).contains("spark.hadoop.fs.s3a.secret.key=" + S3_SECRET)
                    .contains("spark.executor.instances=2");
            assertThat(decode(s, "env.DB_PASSWORD")).isEqualTo(DB_PASSWORD);
        });
        String secretName = secrets.get(0).getMetadata().getName();

        Container driver = pod.getSpec().getContainers().get(0);
        EnvVar env = driver.getEnv().stream().filter(e -> e.getName().equals("DB_PASSWORD")).findFirst().orElseThrow();
        assertThat(env.getValue()).isNull();
        assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secretName);
        assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("env.DB_PASSWORD");
        Volume conf = pod.getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(DriverSpecBuilder.CONF_VOLUME)).findFirst().orElseThrow();
        assertThat(conf.getConfigMap()).isNull();
        assertThat(conf.getSecret().getSecretName()).isEqualTo(secretName);

        // the driver's own ConfigMap, not the submission record written beside it
        ConfigMap properties = client.configMaps().inNamespace("secrets")
                .withoutLabel(io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords.RECORD_LABEL).list().getItems().get(0);
        assertThat(properties.getData().get("spark.properties"))
                .contains("spark.kubernetes.executor.secretKeyRef.DB_PASSWORD=" + secretName + "\\:env.DB_PASSWORD")
                .doesNotContain("spark.hadoop.fs.s3a.secret.key");
        for (String shown : List.of(Serialization.asYaml(pod), Serialization.asYaml(properties), request.toString(),
                String.join("\n", messages))) {
            assertThat(shown).doesNotContain(S3_SECRET).doesNotContain(DB_PASSWORD);
        }
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("Secret " + secretName));
    }

    @Test
    void withoutSecretsThereIsNoSecretAndTheConfigMapIsMounted() {
        DriverPodReference ref = submit(request("plain").build());

        Pod pod = client.pods().inNamespace("plain").withName(ref.podName()).get();
        assertThat(client.secrets().inNamespace("plain").list().getItems()).isEmpty();
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getName().equals(DriverSpecBuilder.CONF_VOLUME))
                .singleElement().satisfies(v -> assertThat(v.getConfigMap()).isNotNull());
    }

    @Test
    void secretKeysThatShapeThePodOrRepeatPlainOnesAreRefusedWithoutEchoingValues() {
        SparkSubmitRequest request = request("invalid").env("TOKEN", "plain")
                .conf("spark.hadoop.fs.s3a.access.key", "AKIDPLAIN")
                .secretConf("spark.kubernetes.container.image", S3_SECRET)
                .secretConf("spark.hadoop.fs.s3a.access.key", S3_SECRET)
                .secretConf("spark.executorEnv.X", S3_SECRET)
                .secretConf("not.spark", S3_SECRET)
                .secretEnv("TOKEN", DB_PASSWORD)
                .secretEnv("SPARK_CONF_DIR", DB_PASSWORD)
                .build();

        assertThatThrownBy(() -> new SparkSubmitValidator().validate(request))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("secretConf[spark.kubernetes.container.image]: decides how the driver pod is built")
                .hasMessageContaining("secretConf[spark.hadoop.fs.s3a.access.key]: is also given in conf.")
                .hasMessageContaining("secretConf[spark.executorEnv.X]: sets an environment variable. Give it as secretEnv")
                .hasMessageContaining("secretConf[not.spark]: is not a Spark configuration key.")
                .hasMessageContaining("secretEnv[TOKEN]: is also given in env.")
                .hasMessageContaining("secretEnv[SPARK_CONF_DIR]: is set by the submission")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(S3_SECRET).doesNotContain(DB_PASSWORD));
        assertThat(client.pods().inNamespace("invalid").list().getItems()).isEmpty();
    }

    @Test
    void theSparkOperatorPathRefusesSecretsBecauseItsSparkSubmitWritesThemToAConfigMap() {
        SparkSubmitRequest request = request("operator").secretConf("spark.hadoop.fs.s3a.secret.key", S3_SECRET)
                .secretEnv("DB_PASSWORD", DB_PASSWORD).build();

        assertThatThrownBy(() -> new SparkSubmitValidator().validateForSparkApplication(request))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("secretConf: is not supported in operator mode")
                .hasMessageContaining("secretEnv: is not supported in operator mode");
        new SparkSubmitValidator().validateForSparkApplication(request("operator").build());
    }

    private static String decode(Secret s, String key) {
        return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }
}
