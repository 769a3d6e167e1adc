package io.jenkins.plugins.sparkeks.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.job.AwsTarget;
import io.jenkins.plugins.sparkeks.job.KubernetesTarget;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

class ClusterAccessResolverTest {

    private MockedStatic<CredentialsProvider> credentialsStatic;
    private final Run<?, ?> run = mock(Run.class);
    private final ClusterAccessResolver resolver =
            new ClusterAccessResolver(new AwsAccessResolver(AnonymousCredentialsProvider.create()));

    @BeforeEach
    void setUp() {
        credentialsStatic = mockStatic(CredentialsProvider.class);
    }

    @AfterEach
    void tearDown() {
        credentialsStatic.close();
    }

    @Test
    void aKubeconfigFileCredentialIsReadWholeAndNeverShown() throws Exception {
        FileCredentials file = mock(FileCredentials.class);
        String kubeconfig = "apiVersion: v1\nusers:\n- name: ci\n  user:\n    token: sekrit-token\n";
        when(file.getContent()).thenReturn(new ByteArrayInputStream(kubeconfig.getBytes(StandardCharsets.UTF_8)));
        credentialsStatic
                .when(() -> CredentialsProvider.findCredentialById("kc", FileCredentials.class, run))
                .thenReturn(file);

        ClusterAccess access = resolver.access(
                new KubernetesTarget(new AwsTarget(null, null, null, null), null, null, "kc", null), run);

        assertThat(access)
                .isInstanceOfSatisfying(
                        ClusterAccess.Kubeconfig.class,
                        k -> assertThat(k.content()).isEqualTo(kubeconfig));
        assertThat(access.toString()).doesNotContain("sekrit-token");
    }

    @Test
    void aServerUrlUsesTheTokenCredential() throws Exception {
        StringCredentials token = mock(StringCredentials.class);
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn("eyJhbGciOi.token");
        when(token.getSecret()).thenReturn(secret);
        credentialsStatic
                .when(() -> CredentialsProvider.findCredentialById("tok", StringCredentials.class, run))
                .thenReturn(token);

        ClusterAccess access = resolver.access(
                new KubernetesTarget(new AwsTarget(null, null, null, null), null, "https://10.0.0.1:6443", null, "tok"),
                run);

        assertThat(access).isInstanceOfSatisfying(ClusterAccess.ServerToken.class, s -> {
            assertThat(s.server()).isEqualTo("https://10.0.0.1:6443");
            assertThat(s.token()).isEqualTo("eyJhbGciOi.token");
        });
        assertThat(access.toString()).doesNotContain("eyJhbGciOi");
        credentialsStatic.verify(() -> CredentialsProvider.track(run, token));
    }

    @Test
    void anEksClusterUsesTheBuildsAwsIdentity() throws Exception {
        ClusterAccess access = resolver.access(
                new KubernetesTarget(new AwsTarget("eu-west-1", null, null, null), "prod", null, null, null), run);

        assertThat(access).isInstanceOfSatisfying(ClusterAccess.Eks.class, e -> {
            assertThat(e.clusterName()).isEqualTo("prod");
            assertThat(e.aws().region().id()).isEqualTo("eu-west-1");
        });
    }
}
