package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;

class EmrJobRequestValidatorTest {

    private static final String SECRET = "AKIA-not-really-but-secret-wJalrXUtnFEMI";

    private static EmrJobRequest.Builder valid() {
        return EmrJobRequest.builder().name("nightly-etl").virtualClusterId("abc123def")
                .executionRoleArn("arn:aws:iam::111122223333:role/emr-job").releaseLabel("emr-7.5.0-latest")
                .sparkSubmit("s3://bucket/app.jar", List.of("--day", "2026-01-01"), "--class org.example.Main")
                .configuration(new EmrConfiguration("spark-defaults", Map.of("spark.executor.instances", "2"),
                        List.of()))
                .cloudWatchLogs("/emr/jobs", "ci").s3Logs("s3://my-logs/emr/")
                .monitoring(new EmrMonitoring("/emr/jobs", "ci", "s3://my-logs/emr/", true, "100MB", 5))
                .retryMaxAttempts(3).tag("team", "data");
    }

    private static List<String> fields(EmrJobRequest r) {
        return EmrJobRequestValidator.validate(r).errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aCompleteRequestIsValid() {
        assertThat(EmrJobRequestValidator.validate(valid().build()).errors()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsField() {
        EmrJobRequest r = EmrJobRequest.builder().name("bad name!").virtualClusterId("VC_1")
                .executionRoleArn("arn:aws:iam::1234:user/bob").releaseLabel("7.5.0")
                .sparkSubmit("/home/me/app.jar", List.of(), null).retryMaxAttempts(0).build();

        assertThat(fields(r)).containsExactlyInAnyOrder("virtualClusterId", "name", "executionRoleArn", "releaseLabel",
                "sparkSubmitJobDriver.entryPoint", "retryMaxAttempts");
        assertThatThrownBy(() -> EmrJobRequestValidator.validate(r).throwIfInvalid())
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("6 problems")
                .hasMessageContaining("Upload the application to S3");
    }

    @Test
    void missingCoreFieldsAreRequiredUnlessAJobTemplateProvidesThem() {
        EmrJobRequest bare = EmrJobRequest.builder().virtualClusterId("abc").build();
        assertThat(fields(bare)).containsExactlyInAnyOrder("executionRoleArn", "releaseLabel", "jobDriver");

        EmrJobRequest templated = EmrJobRequest.builder().virtualClusterId("abc")
                .jobTemplate("tmpl01", Map.of("Day", "2026-01-01")).build();
        assertThat(fields(templated)).isEmpty();
        assertThat(fields(EmrJobRequest.builder().virtualClusterId("abc").executionRoleArn("arn:aws:iam::111122223333:role/x")
                .releaseLabel("emr-7.5.0-latest").sparkSql("s3://b/q.sql", null)
                .jobTemplate(null, Map.of("Day", "x")).build())).containsExactly("jobTemplateParameters");
    }

    @Test
    void theVirtualClusterIsNamedExactlyOnce() {
        assertThat(fields(valid().virtualClusterId(null).build())).containsExactly("virtualClusterId");
        assertThat(fields(valid().virtualClusterName("analytics", "eks-prod").build())).containsExactly("virtualClusterId");
        assertThat(fields(valid().virtualClusterId(null).virtualClusterName("analytics", "eks-prod").build())).isEmpty();
        assertThat(fields(valid().virtualClusterName(null, "eks-prod").build())).containsExactly("eksClusterName");
    }

    @ParameterizedTest
    @ValueSource(strings = {"emr-6.15.0-latest", "emr-7.2.0-20240610", "emr-7.12.0", "emr-spark-8.0.0-20260421",
            "emr-spark-8.0.0-latest", "emr-5.32.0-latest"})
    void releaseLabelsOfEveryPublishedFormAreAccepted(String label) {
        assertThat(fields(valid().releaseLabel(label).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"emr-7.12.0-foo", "emr-7.12.0-20261341", "emr-spark-8.0-latest", "spark-8.0.0-latest",
            "emr-7.12.0-latest ", "emr-spark-8.0.0-2026042", "EMR-7.12.0-latest"})
    void garbageReleaseLabelsAreRefusedNamingTheFieldAndEveryForm(String label) {
        List<FieldError> errors = EmrJobRequestValidator.validate(valid().releaseLabel(label).build()).errors();
        assertThat(errors).extracting(FieldError::field).containsExactly("releaseLabel");
        assertThat(errors.get(0).fix()).contains("emr-7.12.0-latest").contains("emr-spark-8.0.0-20260421");
    }

    @Test
    void aManagedLogsKeyMustBeAKmsKeyArnAndAnAliasIsRefused() {
        assertThat(fields(valid().managedLogs(new EmrManagedLogs(true,
                "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")).build())).isEmpty();
        assertThat(fields(valid().managedLogs(new EmrManagedLogs(null, "arn:aws:kms:eu-west-1:111122223333:alias/logs"))
                .build())).containsExactly("managedLogsEncryptionKeyArn");
        assertThat(valid().managedLogs(new EmrManagedLogs(null, null)).build().monitoring().managedLogs())
                .as("an empty managedLogs is not sent").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://b/app.py", "s3a://b/app.jar", "local:///usr/lib/spark/examples/jars/spark-examples.jar",
            "https://example.org/app.jar"})
    void entryPointsEmrCanReachAreAccepted(String entryPoint) {
        assertThat(fields(valid().sparkSubmit(entryPoint, List.of(), null).build())).isEmpty();
    }

    @Test
    void sizesFromTheApiModelAreEnforced() {
        EmrJobRequest r = valid().sparkSubmit("s3://b/" + "a".repeat(260), List.of("x".repeat(10281)), "y".repeat(102401))
                .monitoring(new EmrMonitoring("/g", "p:x", "http://not-s3", null, "1KB", 51)).build();

        assertThat(fields(r)).contains("sparkSubmitJobDriver.entryPoint", "sparkSubmitJobDriver.entryPointArguments[0]",
                "sparkSubmitJobDriver.sparkSubmitParameters", "cloudWatchLogStreamPrefix", "s3LogUri",
                "logRotationSize", "logRotationMaxFiles");
        assertThat(fields(valid().monitoring(new EmrMonitoring(null, null, null, null, "2GB", null)).build()))
                .containsExactly("logRotationMaxFiles");
        assertThat(fields(valid().monitoring(new EmrMonitoring(null, null, null, null, "2.5GB", 3)).build()))
                .containsExactly("logRotationSize");
    }

    @Test
    void nestedClassificationsAreCheckedWithTheirPath() {
        EmrConfiguration env = new EmrConfiguration("spark-env", Map.of(),
                List.of(new EmrConfiguration(" ", Map.of("JAVA_HOME", "/usr/lib/jvm"), List.of())));
        assertThat(fields(valid().configuration(env).build()))
                .containsExactly("applicationConfiguration[1].configurations[0].classification");
    }

    @Test
    void secretValuesNeverAppearInErrorsOrToString() {
        EmrConfiguration defaults = new EmrConfiguration("spark-defaults",
                Map.of("spark.hadoop.fs.s3a.secret.key", SECRET + "x".repeat(1100)), List.of());
        EmrJobRequest r = valid().configuration(defaults).jobTemplate("t1", Map.of("password", SECRET)).build();

        InvalidJobSpecException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidJobSpecException.class,
                () -> EmrJobRequestValidator.validate(r).throwIfInvalid());
        assertThat(e.getMessage()).contains("spark.hadoop.fs.s3a.secret.key").doesNotContain(SECRET);
        assertThat(r.toString()).contains("spark.hadoop.fs.s3a.secret.key", "password").doesNotContain(SECRET);
    }

    @Test
    void anInvalidRequestIsRefusedBeforeAnyAwsCall() {
        EmrContainersClient emr = mock(EmrContainersClient.class);
        try (EmrWatchMachinery machinery = EmrWatchMachinery.create(EmrPollSettings.fast())) {
            EmrBackend backend = new EmrBackend("us-east-1", emr, null, null, new CloudWatchRateLimiter(), machinery);
            assertThatThrownBy(() -> backend.submit(valid().releaseLabel("latest").build(), new SubmissionKey("k"),
                    JobObserver.NONE)).isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("releaseLabel");
        }
        verifyNoInteractions(emr);
    }

    @Test
    void theClientTokenFollowsTheSubmissionKey() {
        String a = ClientTokens.of(new SubmissionKey("job/main#12:step-3"));
        assertThat(a).hasSize(64).isEqualTo(ClientTokens.of(new SubmissionKey("job/main#12:step-3")))
                .isNotEqualTo(ClientTokens.of(new SubmissionKey("job/main#13:step-3")));
    }
}
