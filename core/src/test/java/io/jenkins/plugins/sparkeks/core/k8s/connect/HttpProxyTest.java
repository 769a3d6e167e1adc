package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpProxyTest {

    @Test
    void readsTheProxyLikeKubectlAndTakesCredentialsOutOfTheUrl() {
        HttpProxy proxy = HttpProxy.fromEnvironment(Map.of("https_proxy", "http://ci%40corp:p%3Ass@proxy.corp:3128",
                "NO_PROXY", "localhost, .svc ,10.0.0.0/8")).orElseThrow();

        assertThat(proxy.url()).isEqualTo(URI.create("http://proxy.corp:3128"));
        assertThat(proxy.username()).isEqualTo("ci@corp");
        assertThat(proxy.password()).isEqualTo("p:ss");
        assertThat(proxy.noProxy()).containsExactly("localhost", ".svc", "10.0.0.0/8");
        assertThat(proxy.toString()).doesNotContain("p:ss").contains("password=****");
        assertThat(HttpProxy.fromEnvironment(Map.of("HTTP_PROXY", "proxy.corp:8080")).orElseThrow().url())
                .isEqualTo(URI.create("http://proxy.corp:8080"));
        assertThat(HttpProxy.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void refusesCredentialsInsideTheUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> new HttpProxy(URI.create("http://u:secret-pw@proxy:1"), null, null, null))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageNotContaining("secret-pw");
    }

    @Test
    void apiServerRequestsGoThroughTheProxy() throws Exception {
        // the mock plays the proxy; the API server's own host does not even resolve, so only the proxy can answer,
        // and a proxied request names the target in absolute form
        KubernetesMockServer proxyServer = new KubernetesMockServer(false);
        proxyServer.init(InetAddress.getLoopbackAddress(), 0);
        HttpProxy proxy = new HttpProxy(URI.create("http://127.0.0.1:" + proxyServer.getPort()), List.of(), null, null);
        try (AwsClientFactory aws = new AwsClientFactory();
             ClusterConnector connector = new ClusterConnector(aws, new EksTokenGenerator(),
                     () -> new InClusterEnvironment(null, null, InClusterEnvironment.DEFAULT_SERVICE_ACCOUNT_DIR),
                     proxy)) {
            proxyServer.expect().get().withPath("http://api.cluster.invalid:6443/api/v1/namespaces/default/pods")
                    .andReturn(200, new PodListBuilder().build()).once();

            connector.connect(new ClusterAccess.ServerToken("http://api.cluster.invalid:6443", "t", null, false))
                    .client().pods().list();

            assertThat(proxyServer.takeRequest(5, TimeUnit.SECONDS).getHeader("Host"))
                    .isEqualTo("api.cluster.invalid:6443");
        } finally {
            proxyServer.destroy();
        }
    }
}
