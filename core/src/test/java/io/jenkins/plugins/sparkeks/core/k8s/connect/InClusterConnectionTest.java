package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.emulator.ManualClock;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-cluster access as a pod sees it: https to the service address, CA and rotating token from mounted files. */
class InClusterConnectionTest {

    private static final String PODS = "/api/v1/namespaces/spark-jobs/pods";

    @TempDir
    Path serviceAccount;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private KubernetesMockServer apiServer;
    private AwsClientFactory aws;
    private ClusterConnector connector;

    @BeforeEach
    void setUp() throws Exception {
        apiServer = new KubernetesMockServer(true);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        Files.writeString(serviceAccount.resolve("ca.crt"), servingCertificatePem(apiServer.getPort()));
        Files.writeString(serviceAccount.resolve("namespace"), "spark-jobs\n");
        Files.writeString(serviceAccount.resolve("token"), "projected-token-1\n");
        aws = new AwsClientFactory();
        InClusterEnvironment pod = new InClusterEnvironment("localhost", String.valueOf(apiServer.getPort()),
                serviceAccount);
        connector = new ClusterConnector(aws, new EksTokenGenerator(clock), () -> pod, null);
    }

    @AfterEach
    void tearDown() {
        connector.close();
        aws.close();
        apiServer.destroy();
    }

    @Test
    void trustsTheMountedCaUsesThePodNamespaceAndPicksUpARotatedToken() throws Exception {
        apiServer.expect().get().withPath(PODS).andReturn(200, new PodListBuilder().build()).times(3);
        ClusterConnection connection = connector.connect(new ClusterAccess.InCluster());

        connection.client().pods().list();
        Files.writeString(serviceAccount.resolve("token"), "projected-token-2\n");
        connection.client().pods().list();
        clock.advance(Duration.ofMinutes(1));
        connection.client().pods().list();

        assertThat(connection.defaultNamespace()).isEqualTo("spark-jobs");
        assertThat(connection.coordinates().server()).isEqualTo("https://localhost:" + apiServer.getPort());
        assertThat(apiServer.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
                .isEqualTo("Bearer projected-token-1");
        assertThat(apiServer.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
                .as("re-read only once a minute").isEqualTo("Bearer projected-token-1");
        assertThat(apiServer.takeRequest(5, TimeUnit.SECONDS).getHeader("Authorization"))
                .isEqualTo("Bearer projected-token-2");
    }

    /** The mock's self-signed certificate, fetched the way an admin would with openssl s_client. */
    private static String servingCertificatePem(int port) throws Exception {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            Certificate leaf = socket.getSession().getPeerCertificates()[0];
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(leaf.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }
    }
}
