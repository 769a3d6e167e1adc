package io.jenkins.plugins.sparkeks.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.config.SparkOnEksDefaults;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One warning per sensitive-looking key given in clear, naming the key and the way out, never the value. */
class ClearTextWarningsTest {

    private static final SparkOnEksDefaults GLOBAL =
            new SparkOnEksDefaults("us-east-1", "prod", null, null, "spark-jobs", "spark", null, "/emr/logs", null);

    @Test
    void sparkSubmitConfAndEnvKeysThatLookSecretAreNamed() {
        SparkSubmitEksStep step = new SparkSubmitEksStep();
        step.setMainApplicationFile("local:///opt/app.jar");
        step.setConf(List.of(
                "spark.hadoop.fs.s3a.secret.key=value-one",
                "spark.executor.instances=4",
                "spark.kubernetes.executor.secretKeyRef.DB=db-secret:password",
                "spark.kubernetes.container.image.pullSecrets=ecr"));
        step.setEnv(List.of("DB_PASSWORD=value-two", "LOG_LEVEL=debug"));

        List<String> lines = ClearTextWarnings.of(step.toDefinition(GLOBAL));

        assertThat(lines)
                .containsExactly(
                        "Warning: conf[spark.hadoop.fs.s3a.secret.key] looks sensitive but is given in clear, so it is stored"
                                + " with the job and the build; pass it as secretConf with a secret text credential.",
                        "Warning: env[DB_PASSWORD] looks sensitive but is given in clear, so it is stored with the job and the"
                                + " build; pass it as secretEnv with a secret text credential.");
        assertThat(String.join("\n", lines)).doesNotContain("value-one").doesNotContain("value-two");
    }

    @Test
    void emrTagsAndTemplateParametersAreCoveredToo() {
        EmrStartJobRunStep step = new EmrStartJobRunStep();
        step.setVirtualClusterId("vc1");
        step.setJobTemplateId("tmpl");
        step.setTags(List.of("api-token=t-value", "team=data"));
        step.setJobTemplateParameters(List.of("DbPassword=p-value"));

        assertThat(ClearTextWarnings.of(step.toDefinition(GLOBAL)))
                .anySatisfy(l -> assertThat(l).startsWith("Warning: tags[api-token] looks sensitive"))
                .anySatisfy(l -> assertThat(l).startsWith("Warning: jobTemplateParameters[DbPassword] looks sensitive"))
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).doesNotContain("t-value").doesNotContain("p-value"));
    }
}
