package io.jenkins.plugins.sparkeks.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.job.AwsTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsAccessResolverTest {

    private static final AwsCredentials CONTROLLER =
            AwsBasicCredentials.create("AKIACONTROLLER000000", "controller-secret");
    private final AwsCredentialsProvider defaultChain = StaticCredentialsProvider.create(CONTROLLER);
    private MockedStatic<CredentialsProvider> credentialsStatic;
    private final Run<?, ?> run = mock(Run.class);

    @BeforeEach
    void setUp() {
        credentialsStatic = mockStatic(CredentialsProvider.class);
    }

    @AfterEach
    void tearDown() {
        credentialsStatic.close();
    }

    private AmazonWebServicesCredentials credentialFound(String id) {
        AmazonWebServicesCredentials c = mock(AmazonWebServicesCredentials.class);
        credentialsStatic
                .when(() -> CredentialsProvider.findCredentialById(id, AmazonWebServicesCredentials.class, run))
                .thenReturn(c);
        return c;
    }

    @Test
    void noCredentialsIdMeansTheControllersDefaultChain() throws Exception {
        AwsSettings s = new AwsAccessResolver(defaultChain).settings(new AwsTarget("us-east-1", null, null, null), run);

        assertThat(s.baseCredentials()).isNull();
        assertThat(s.region().id()).isEqualTo("us-east-1");
    }

    @Test
    void aCredentialIsLookedUpInTheBuildAndTracked() throws Exception {
        AmazonWebServicesCredentials c = credentialFound("aws-ci");
        AwsCredentials keys = AwsBasicCredentials.create("AKIAEXAMPLE000000000", "s3cr3t");
        when(c.resolveCredentials()).thenReturn(keys);

        AwsSettings s = new AwsAccessResolver(defaultChain)
                .settings(new AwsTarget("us-east-1", "aws-ci", "arn:aws:iam::123456789012:role/spark", null), run);

        assertThat(s.baseCredentials().resolveCredentials()).isSameAs(keys);
        assertThat(s.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/spark");
        credentialsStatic.verify(() -> CredentialsProvider.track(run, c));
        assertThat(s.toString()).doesNotContain("s3cr3t").doesNotContain("AKIAEXAMPLE");
        assertThat(s.baseCredentials().toString()).isEqualTo("JenkinsAwsCredentials[aws-ci]");
    }

    @Test
    void aCredentialThatDefersToTheControllerFallsBackToTheDefaultChain() throws Exception {
        AmazonWebServicesCredentials c = credentialFound("instance-profile");
        when(c.resolveCredentials()).thenReturn(null);

        AwsSettings s = new AwsAccessResolver(defaultChain)
                .settings(new AwsTarget("us-east-1", "instance-profile", null, null), run);

        assertThat(s.baseCredentials().resolveCredentials().accessKeyId()).isEqualTo(CONTROLLER.accessKeyId());
    }

    @Test
    void anUnknownIdFailsNamingTheFieldAndTheId() {
        assertThatThrownBy(() -> new AwsAccessResolver(defaultChain)
                        .settings(new AwsTarget("us-east-1", "nope", null, null), run))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("credentialsId")
                .hasMessageContaining("'nope'");
        credentialsStatic.verify(() -> CredentialsProvider.track(any(Run.class), any()), times(0));
    }

    @Test
    void assumedRoleSessionsAreReusedUntilShortlyBeforeTheyExpire() {
        AmazonWebServicesCredentials c = mock(AmazonWebServicesCredentials.class);
        Instant now = Instant.parse("2026-11-21T12:00:00Z");
        AwsSessionCredentials session = AwsSessionCredentials.builder()
                .accessKeyId("ASIAEXAMPLE000000000")
                .secretAccessKey("s")
                .sessionToken("t")
                .expirationTime(now.plus(Duration.ofHours(1)))
                .build();
        when(c.resolveCredentials()).thenReturn(session);
        MutableClock clock = new MutableClock(now);
        JenkinsAwsCredentialsProvider p = new JenkinsAwsCredentialsProvider("role", c, defaultChain, clock);

        p.resolveCredentials();
        p.resolveCredentials();
        verify(c, times(1)).resolveCredentials();

        clock.now = now.plus(Duration.ofMinutes(56));
        p.resolveCredentials();
        verify(c, times(2)).resolveCredentials();
    }

    private static AWSCredentialsImpl keys(String accessKey, String secretKey) {
        AWSCredentialsImpl c = mock(AWSCredentialsImpl.class);
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn(secretKey);
        when(c.getAccessKey()).thenReturn(accessKey);
        when(c.getSecretKey()).thenReturn(secret);
        return c;
    }

    @Test
    void buildsWithTheSameCredentialShareSettingsSoTheyShareClientsAndInformers() throws Exception {
        AwsAccessResolver resolver = new AwsAccessResolver(defaultChain);
        AwsTarget target = new AwsTarget("us-east-1", "prod", null, null);
        AWSCredentialsImpl build1 = keys("AKIAPRODEXAMPLE00000", "secret-1");
        AWSCredentialsImpl build2 = keys("AKIAPRODEXAMPLE00000", "secret-1");
        AWSCredentialsImpl build3 = keys("AKIAPRODEXAMPLE00000", "rotated-2");
        credentialsStatic
                .when(() -> CredentialsProvider.findCredentialById("prod", AmazonWebServicesCredentials.class, run))
                .thenReturn(build1, build2, build3);

        AwsSettings first = resolver.settings(target, run);
        AwsSettings second = resolver.settings(target, run);
        AwsSettings rotated = resolver.settings(target, run);

        assertThat(second).isEqualTo(first).hasSameHashCodeAs(first);
        assertThat(rotated)
                .as("a rotated secret must not reuse clients signed with the old one")
                .isNotEqualTo(first);
    }

    @Test
    void theSameIdHoldingOtherKeysInAnotherFolderIsNotShared() throws Exception {
        JenkinsAwsCredentialsProvider folderA =
                new JenkinsAwsCredentialsProvider("aws", keys("AKIAFOLDERA000000000", "a"), defaultChain);
        JenkinsAwsCredentialsProvider folderB =
                new JenkinsAwsCredentialsProvider("aws", keys("AKIAFOLDERB000000000", "b"), defaultChain);
        JenkinsAwsCredentialsProvider opaque1 =
                new JenkinsAwsCredentialsProvider("aws", mock(AmazonWebServicesCredentials.class), defaultChain);
        JenkinsAwsCredentialsProvider opaque2 =
                new JenkinsAwsCredentialsProvider("aws", mock(AmazonWebServicesCredentials.class), defaultChain);

        assertThat(folderA).isNotEqualTo(folderB);
        assertThat(opaque1)
                .as("material we cannot read is never assumed equal")
                .isNotEqualTo(opaque2)
                .isEqualTo(opaque1);
        assertThat(folderA.toString()).doesNotContain("AKIA");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
