package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;

class AwsErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aChainThatFindsNothingIsOneLineNamingWhatWasTriedAndIsNotRetried() throws Exception {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null,
                "this machine has credentials in the environment");
        Path profiles = Files.writeString(dir.resolve("config"), "[profile other]\nregion = us-east-1\n");
        // the SDK's own chain, minus instance metadata: a test never calls out to a metadata address
        AwsCredentialsProviderChain chain = AwsCredentialsProviderChain.of(
                SystemPropertyCredentialsProvider.create(), EnvironmentVariableCredentialsProvider.create(),
                ProfileCredentialsProvider.builder().profileName("ci")
                        .profileFile(ProfileFile.builder().content(profiles).type(ProfileFile.Type.CONFIGURATION).build())
                        .build(),
                ContainerCredentialsProvider.builder().build());

        SdkClientException e = catchThrowableOfType(SdkClientException.class, chain::resolveCredentials);

        assertThat(e.getMessage().length()).as("the SDK's own message").isGreaterThan(400);
        assertThat(AwsErrors.describe(e))
                .isEqualTo("No AWS credentials found (tried Java system properties, environment variables, "
                        + "profile 'ci', container credentials). Choose an AWS credential, or give this machine "
                        + "credentials: AWS_PROFILE, AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY, or an instance or "
                        + "pod role")
                .doesNotContain("\n");
        assertThat(AwsErrors.isTransient(e)).isFalse();
    }

    @Test
    void otherClientFailuresKeepTheirMessageAndStayTransient() {
        SdkClientException e = SdkClientException.create("Unable to execute HTTP request: Connection refused");

        assertThat(AwsErrors.describe(e)).isEqualTo("SdkClientException: Unable to execute HTTP request: Connection refused");
        assertThat(AwsErrors.isTransient(e)).isTrue();
    }
}
