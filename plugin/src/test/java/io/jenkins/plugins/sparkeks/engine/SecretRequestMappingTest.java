package io.jenkins.plugins.sparkeks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.core.emr.EmrConfiguration;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.job.SecretRef;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import io.jenkins.plugins.sparkeks.secrets.ResolvedSecrets;
import io.jenkins.plugins.sparkeks.secrets.SecretValue;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secret entries: references in the definition, values only in the core request built for one submission. */
class SecretRequestMappingTest {

    private static final SparkOnEksDefaults GLOBAL =
            new SparkOnEksDefaults("us-east-1", "prod", null, null, "spark-jobs", "spark", null, "/emr/logs", null);
    private static final ResolvedSecrets VALUES = new ResolvedSecrets(
            Map.of("spark.hadoop.fs.s3a.secret.key", "s3-value"), Map.of("DB_PASSWORD", "db-value"));

    private static EmrStartJobRunStep emrStep() {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setVirtualClusterId("vc1");
        step.setExecutionRoleArn("arn:aws:iam::123456789012:role/job");
        step.setReleaseLabel("emr-7.5.0-latest");
        step.setEntryPoint("s3://bucket/app.py");
        step.setConf(List.of("spark.executor.memory=4g"));
        step.setSecretConf(List.of(new SecretValue("spark.hadoop.fs.s3a.secret.key", "s3-secret")));
        step.setSecretEnv(List.of(new SecretValue("DB_PASSWORD", "db-password")));
        return step;
    }

    @Test
    void theDefinitionHoldsKeysAndCredentialIdsOnly() {
        EmrJobDefinition d = emrStep().toDefinition(GLOBAL);

        assertThat(d.secrets().conf()).containsExactly(new SecretRef("spark.hadoop.fs.s3a.secret.key", "s3-secret"));
        assertThat(d.secrets().env()).containsExactly(new SecretRef("DB_PASSWORD", "db-password"));
        assertThat(d.toString())
                .contains("secret conf keys=[spark.hadoop.fs.s3a.secret.key]", "secret env names=[DB_PASSWORD]");
    }

    @Test
    void emrGetsTheValuesInSparkDefaultsWithEnvAsSparkEnvProperties() {
        EmrJobRequest r = EmrJobRequests.from(emrStep().toDefinition(GLOBAL), VALUES);

        assertThat(r.applicationConfiguration()).singleElement().satisfies(c -> {
            assertThat(c.classification()).isEqualTo("spark-defaults");
            assertThat(c.properties())
                    .containsEntry("spark.executor.memory", "4g")
                    .containsEntry("spark.hadoop.fs.s3a.secret.key", "s3-value")
                    .containsEntry("spark.kubernetes.driverEnv.DB_PASSWORD", "db-value")
                    .containsEntry("spark.executorEnv.DB_PASSWORD", "db-value");
        });
        assertThat(r.toString()).doesNotContain("s3-value").doesNotContain("db-value");
        // without resolved values (as before a submission) nothing secret is in the request
        assertThat(EmrJobRequests.from(emrStep().toDefinition(GLOBAL)).applicationConfiguration())
                .singleElement()
                .extracting(EmrConfiguration::properties)
                .isEqualTo(Map.of("spark.executor.memory", "4g"));
    }

    @Test
    void sparkSubmitGetsTheValuesAsSecretConfAndEnv() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setMainApplicationFile("local:///opt/app.jar");
        step.setSecretConf(List.of(new SecretValue("spark.hadoop.fs.s3a.secret.key", "s3-secret")));
        step.setSecretEnv(List.of(new SecretValue("DB_PASSWORD", "db-password")));
        SparkSubmitDefinition d = step.toDefinition(GLOBAL);

        SparkSubmitRequest r = SparkSubmitRequests.from(d, VALUES);

        assertThat(r.secretConf()).isEqualTo(Map.of("spark.hadoop.fs.s3a.secret.key", "s3-value"));
        assertThat(r.secretEnv()).isEqualTo(Map.of("DB_PASSWORD", "db-value"));
        assertThat(r.conf()).doesNotContainKey("spark.hadoop.fs.s3a.secret.key");
        assertThat(r.env()).doesNotContainKey("DB_PASSWORD");
        assertThat(r.toString()).doesNotContain("s3-value").doesNotContain("db-value");
    }

    @Test
    void entriesWithoutACredentialTwiceOrAlsoInConfAreFieldErrors() {
        EmrStartJobRunStep step = emrStep();
        step.setConf(List.of("spark.hadoop.fs.s3a.secret.key=clear"));
        step.setSecretEnv(List.of(
                new SecretValue("DB_PASSWORD", " "),
                new SecretValue("TOKEN", "t"),
                new SecretValue("TOKEN", "u"),
                new SecretValue("", "v")));

        assertThatThrownBy(() -> step.toDefinition(GLOBAL))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("secretConf[spark.hadoop.fs.s3a.secret.key]: is also given in conf.")
                .hasMessageContaining("secretEnv[DB_PASSWORD]: names no credential.")
                .hasMessageContaining("secretEnv[TOKEN]: is given twice.")
                .hasMessageContaining("secretEnv: has an entry without a key.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("clear"));
    }
}
