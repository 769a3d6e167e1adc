package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.emulator.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connections are closed once unused for the idle timeout, so a rotated credential's connection does not live on. */
class ClusterConnectorIdleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private KubernetesMockServer apiServer;
    private String server;
    private AwsClientFactory aws;
    private ClusterConnector connector;

    @BeforeEach
    void setUp() {
        apiServer = new KubernetesMockServer(false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        server = "http://127.0.0.1:" + apiServer.getPort();
        apiServer.expect().get().withPath("/api/v1/namespaces/spark-jobs/pods")
                .andReturn(200, new PodListBuilder().build()).always();
        aws = new AwsClientFactory();
        connector = new ClusterConnector(aws, new EksTokenGenerator(clock),
                () -> new InClusterEnvironment(null, null, InClusterEnvironment.DEFAULT_SERVICE_ACCOUNT_DIR), null,
                Duration.ofHours(2));
    }

    @AfterEach
    void tearDown() {
        connector.close();
        aws.close();
        apiServer.destroy();
    }

    private ClusterAccess withToken(String token) {
        return new ClusterAccess.Kubeconfig(ClusterConnectorTest.kubeconfig(server).replace(
                ClusterConnectorTest.KUBECONFIG_TOKEN, token), null);
    }

    @Test
    void closesTheConnectionOfARotatedTokenOnceIdle() {
        KubernetesClient old = connector.connect(withToken("old-token-0001")).client();
        old.pods().list();

        clock.advance(Duration.ofHours(1));
        KubernetesClient rotated = connector.connect(withToken("new-token-0002")).client();
        clock.advance(Duration.ofMinutes(90));
        rotated.pods().list();
        assertThat(connector.connect(withToken("new-token-0002")).client()).isSameAs(rotated);

        assertThat(connector.openConnections()).as("the old token's connection, idle 2.5 hours, is gone").isEqualTo(1);
        assertThatThrownBy(() -> old.pods().list()).as("and closed").isInstanceOf(RuntimeException.class);
        assertThat(connector.connect(withToken("old-token-0001")).client()).isNotSameAs(old);
    }

    @Test
    void keepsAConnectionThatKeepsSendingRequests() {
        KubernetesClient watching = connector.connect(withToken("busy-token-0001")).client();

        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(30));
            watching.pods().list();
            connector.connect(withToken("other-token-000" + i)); // other builds trigger the sweeps
        }

        assertThat(connector.connect(withToken("busy-token-0001")).client()).as("5 hours of use").isSameAs(watching);
    }
}
