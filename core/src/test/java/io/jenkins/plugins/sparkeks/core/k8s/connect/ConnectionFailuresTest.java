package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

    private static final ClusterAccess EKS = new ClusterAccess.Eks(AwsSettings.of("us-east-1"), "prod");
    private static final ClusterAccess SERVER = new ClusterAccess.ServerToken("https://k8s:6443", "t", null, false);

    @Test
    void unauthorizedOnEksPointsAtAccessEntries() {
        assertThat(ConnectionFailures.explain(new KubernetesClientException("Unauthorized", 401, null), EKS,
                "eks:us-east-1/prod"))
                .contains("401", "access entry", "aws-auth");
        assertThat(ConnectionFailures.explain(new KubernetesClientException("Unauthorized", 401, null), SERVER,
                "https://k8s:6443"))
                .contains("401", "token or kubeconfig user").doesNotContain("aws-auth");
    }

    @Test
    void forbiddenAndOtherCodesAreNamed() {
        assertThat(ConnectionFailures.explain(new KubernetesClientException("Forbidden", 403, null), SERVER, "x"))
                .contains("403 Forbidden");
        assertThat(ConnectionFailures.explain(new KubernetesClientException("Oops", 503, null), SERVER, "x"))
                .contains("HTTP 503");
    }

    @Test
    void anUnreachableServerNamesTheRootCauseAndPrivateEndpoints() {
        KubernetesClientException e = new KubernetesClientException("An error has occurred.",
                new IOException("wrapped", new ConnectException("Connection refused")));

        assertThat(ConnectionFailures.explain(e, EKS, "eks:us-east-1/prod"))
                .contains("Could not reach the API server of eks:us-east-1/prod", "ConnectException Connection refused",
                        "private EKS endpoint");
        assertThat(ConnectionFailures.explain(e, SERVER, "https://k8s:6443")).doesNotContain("EKS");
    }
}
