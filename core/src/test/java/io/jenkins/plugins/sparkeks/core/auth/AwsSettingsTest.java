package io.jenkins.plugins.sparkeks.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class AwsSettingsTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void defaultsSessionNameWhenARoleIsGiven() {
        AwsSettings settings = AwsSettings.of("eu-west-2").withRole("arn:aws:iam::111122223333:role/spark", null, null);

        assertThat(settings.roleSessionName()).isEqualTo(AwsSettings.DEFAULT_SESSION_NAME);
        assertThat(settings.assumesRole()).isTrue();
        assertThat(settings.region()).isEqualTo(Region.EU_WEST_2);
    }

    @Test
    void reportsEveryBadFieldAtOnceWithoutEchoingTheExternalId() {
        assertThatThrownBy(() -> new AwsSettings(Region.of("moon-base"), null, "arn:aws:iam::1:user/bob", "x",
                "bad id with spaces", Map.of(AwsService.EKS, URI.create("ftp://host"))))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                            "region", "roleArn", "roleSessionName", "externalId", "endpointOverrides[eks]");
                    assertThat(e.getMessage()).doesNotContain("bad id with spaces");
                });
    }

    @Test
    void missingRegionNamesTheField() {
        assertThatThrownBy(() -> AwsSettings.of(" "))
                .isInstanceOfSatisfying(InvalidJobSpecException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("region"));
    }

    @Test
    void acceptsPartitionsBeyondTheCommercialOne() {
        assertThat(AwsSettings.of("cn-north-1").region().id()).isEqualTo("cn-north-1");
        assertThat(AwsSettings.of("us-gov-west-1").withRole("arn:aws-us-gov:iam::111122223333:role/a/b", "s1", "ext-1")
                .externalId()).isEqualTo("ext-1");
    }

    @Test
    void toStringShowsNeitherKeysNorExternalId() {
        AwsSettings settings = AwsSettings.of("us-east-1")
                .withCredentials(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET)))
                .withRole("arn:aws:iam::111122223333:role/spark", "build-7", "shared-external-secret")
                .withEndpoint(AwsService.STS, URI.create("http://127.0.0.1:4566"));

        assertThat(settings.toString())
                .contains("us-east-1", "arn:aws:iam::111122223333:role/spark", "build-7", "http://127.0.0.1:4566")
                .doesNotContain(SECRET, "AKIAIOSFODNN7EXAMPLE", "shared-external-secret");
    }

    @Test
    void staticKeysCompareByValueOtherProvidersByIdentity() {
        AwsSettings a = AwsSettings.of("us-east-1").withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET)));
        AwsSettings sameKeys = AwsSettings.of("us-east-1").withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET)));
        AwsSettings otherSecret = AwsSettings.of("us-east-1").withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET + "X")));
        AwsCredentialsProvider lambda = () -> AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET);

        assertThat(a).isEqualTo(sameKeys).hasSameHashCodeAs(sameKeys).isNotEqualTo(otherSecret);
        assertThat(AwsSettings.of("us-east-1").withCredentials(lambda))
                .isEqualTo(AwsSettings.of("us-east-1").withCredentials(lambda))
                .isNotEqualTo(a);
    }

    @Test
    void endpointOverridesGivenAsTextAreParsedAndEveryBadOneIsReported() {
        AwsSettings settings = AwsSettings.of("us-east-1").withEndpoints(
                Map.of("emr-containers", "http://127.0.0.1:4566", " logs ", "http://127.0.0.1:4567"));

        assertThat(settings.endpointOverride(AwsService.EMR_CONTAINERS)).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.endpointOverride(AwsService.LOGS)).contains(URI.create("http://127.0.0.1:4567"));
        assertThatThrownBy(() -> AwsSettings.of("us-east-1").withEndpoints(
                Map.of("emr", "http://x", "sts", "http://bad host", "s3", "")))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                            "endpointOverrides[emr]", "endpointOverrides[sts]", "endpointOverrides[s3]");
                    assertThat(e.getMessage()).contains("eks, sts, emr-containers, logs, s3");
                });
    }

    @Test
    void equalSettingsAreEqual() {
        URI emulator = URI.create("http://127.0.0.1:1");
        assertThat(AwsSettings.of("us-east-1").withEndpoint(AwsService.LOGS, emulator))
                .isEqualTo(AwsSettings.of(Region.US_EAST_1).withEndpoint(AwsService.LOGS, emulator));
    }
}
