package io.jenkins.plugins.sparkeks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

class AwsHttpClientsTest {

    @Test
    void theNoProxyListIsSplitAsJenkinsSplitsIt() {
        assertThat(AwsHttpClients.nonProxyHosts("*.internal, localhost|169.254.169.254\n10.*"))
                .containsExactly("*.internal", "localhost", "169.254.169.254", "10.*");
        assertThat(AwsHttpClients.nonProxyHosts(null)).isEmpty();
    }

    @Test
    void awsCallsGoThroughTheControllersProxy() throws Exception {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> seen = new AtomicReference<>();
        proxy.createContext("/", exchange -> {
            seen.set(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        proxy.start();
        try (SdkHttpClient client = AwsHttpClients.withProxy("127.0.0.1", proxy.getAddress().getPort(), null, null, "")) {
            SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                    .uri(URI.create("http://emr-containers.us-east-1.amazonaws.com/virtualclusters")).build();

            int status = client.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call()
                    .httpResponse().statusCode();

            assertThat(status).isEqualTo(204);
            assertThat(seen.get()).isEqualTo("http://emr-containers.us-east-1.amazonaws.com/virtualclusters");
        } finally {
            proxy.stop(0);
        }
    }
}
