package io.jenkins.plugins.sparkeks.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import hudson.util.Secret;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsService;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * An aws-credentials credential with an IAM role, against the AWS emulator, which counts STS calls. The credential
 * behaves as aws-credentials' {@code AWSCredentialsImpl.resolveCredentials()} does: a new STS client and an AssumeRole
 * with the credential's duration per call, returning the session without its expiration.
 */
class RoleCredentialsLifetimeTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/jenkins-spark";

    private AwsEmulator aws;
    private AwsClientFactory factory;
    // one per controller, as CoreJobEngines holds one resolver
    private final DefaultCredentialsProvider defaultChain =
            DefaultCredentialsProvider.builder().build();

    @BeforeEach
    void start() {
        aws = AwsEmulator.start();
        factory = new AwsClientFactory();
    }

    @AfterEach
    void stop() {
        factory.close();
        aws.close();
    }

    private AWSCredentialsImpl roleCredential(int durationSeconds) {
        AWSCredentialsImpl c = mock(AWSCredentialsImpl.class);
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn(AwsEmulator.SECRET_ACCESS_KEY);
        when(c.getAccessKey()).thenReturn(AwsEmulator.ACCESS_KEY_ID);
        when(c.getSecretKey()).thenReturn(secret);
        when(c.getIamRoleArn()).thenReturn(ROLE);
        when(c.getStsTokenDuration()).thenReturn(durationSeconds);
        when(c.resolveCredentials()).thenAnswer(call -> assumeRoleAsAwsCredentialsDoes(durationSeconds));
        return c;
    }

    private AwsCredentials assumeRoleAsAwsCredentialsDoes(int durationSeconds) {
        StsClient sts = StsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(aws.endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
                .build();
        AssumeRoleResponse r =
                sts.assumeRole(b -> b.roleArn(ROLE).roleSessionName("Jenkins").durationSeconds(durationSeconds));
        return AwsSessionCredentials.create(
                r.credentials().accessKeyId(),
                r.credentials().secretAccessKey(),
                r.credentials().sessionToken());
    }

    private StsClient clientFor(AWSCredentialsImpl credential) {
        // a new provider per build, as AwsAccessResolver makes them; equal settings share the client
        JenkinsAwsCredentialsProvider provider =
                new JenkinsAwsCredentialsProvider("aws-role", credential, defaultChain, aws.clock());
        return factory.sts(
                AwsSettings.of(aws.region()).withCredentials(provider).withEndpoint(AwsService.STS, aws.endpoint()));
    }

    @Test
    void twoHundredRequestsCostOneAssumeRole() {
        AWSCredentialsImpl credential = roleCredential(3600);

        for (int poll = 0; poll < 200; poll++) {
            clientFor(credential).getCallerIdentity();
        }

        assertThat(aws.calls(Operation.GET_CALLER_IDENTITY)).isEqualTo(200);
        assertThat(aws.calls(Operation.ASSUME_ROLE)).isEqualTo(1);
        assertThat(aws.assumedRoles())
                .singleElement()
                .satisfies(s -> assertThat(s.roleArn()).isEqualTo(ROLE));
    }

    @Test
    void theSessionIsRenewedFiveMinutesBeforeTheDurationTheCredentialAskedFor() {
        AWSCredentialsImpl credential = roleCredential(900);
        StsClient sts = clientFor(credential);

        for (int minute = 0; minute < 45; minute++) {
            sts.getCallerIdentity();
            aws.advance(Duration.ofMinutes(1));
        }

        // 15-minute sessions renewed after 10 minutes: at 0, 10, 20, 30 and 40 minutes
        assertThat(aws.calls(Operation.GET_CALLER_IDENTITY)).isEqualTo(45);
        assertThat(aws.calls(Operation.ASSUME_ROLE)).isEqualTo(5);
    }
}
