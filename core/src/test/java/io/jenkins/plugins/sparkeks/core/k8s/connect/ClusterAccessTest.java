package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import org.junit.jupiter.api.Test;

class ClusterAccessTest {

    @Test
    void eksNeedsAValidClusterNameAndSettings() {
        assertThatThrownBy(() -> new ClusterAccess.Eks(null, "bad name!"))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("region", "clusterName"));
        assertThat(new ClusterAccess.Eks(AwsSettings.of("us-east-1"), " prod_1 ").clusterName()).isEqualTo("prod_1");
    }

    @Test
    void serverTokenChecksUrlTokenAndCertificate() {
        assertThatThrownBy(() -> new ClusterAccess.ServerToken("ftp://x", "a b", "not a pem", false))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactlyInAnyOrder("server", "token", "caCertificate");
                    assertThat(e.getMessage()).doesNotContain("a b");
                });
        assertThatThrownBy(() -> new ClusterAccess.ServerToken("https://bad host:6443", "t", null, false))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("server"));
        assertThatThrownBy(() -> new ClusterAccess.ServerToken(null, null, null, false))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("server", "token"));
    }

    @Test
    void kubeconfigMustNotBeEmpty() {
        assertThatThrownBy(() -> new ClusterAccess.Kubeconfig("  ", "dev"))
                .isInstanceOfSatisfying(InvalidJobSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("kubeconfig"));
        assertThat(new ClusterAccess.Kubeconfig("x: y", " ").context()).isNull();
    }

    @Test
    void equalValuesAreEqualSoTheyShareAConnection() {
        assertThat(new ClusterAccess.ServerToken("https://k8s:6443", "tok", null, true))
                .isEqualTo(new ClusterAccess.ServerToken("https://k8s:6443 ", " tok", "", true));
        assertThat(new ClusterAccess.InCluster()).isEqualTo(new ClusterAccess.InCluster());
    }

    @Test
    void describeNamesTheTargetWithoutSecrets() {
        assertThat(new ClusterAccess.Eks(AwsSettings.of("eu-west-1"), "prod").describe())
                .isEqualTo("EKS cluster 'prod' in eu-west-1");
        assertThat(new ClusterAccess.ServerToken("https://k8s:6443", "sekrit-token", null, false).describe())
                .isEqualTo("API server https://k8s:6443");
        assertThat(new ClusterAccess.Kubeconfig("token: sekrit", null).describe())
                .isEqualTo("kubeconfig context (current-context)");
    }
}
