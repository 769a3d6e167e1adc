package io.jenkins.plugins.sparkeks.core.insight;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the driver's monitoring REST API through the Kubernetes API server's pod proxy
 * ({@code /api/v1/namespaces/NS/pods/POD:PORT/proxy/api/v1/...}) or the driver Service's proxy
 * ({@code /api/v1/namespaces/NS/services/SVC:spark-ui/proxy/api/v1/...}), with the cluster client's own credentials and
 * TLS. Asynchronous: a request in flight holds no thread.
 */
final class DriverUiClient {

    /** A reply: the HTTP status and body, or status 0 when the request itself failed (connection, timeout). */
    record Reply(int code, String body) {
        boolean ok() {
            return code >= 200 && code < 300;
        }
    }

    private static final long TIMEOUT_SECONDS = 20;

    private final KubernetesClient client;
    private final HttpClient http;

    DriverUiClient(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        // the client retries 5xx answers itself; insight has its own backoff and must stay within its request budget
        RequestConfig once = new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0).build();
        this.http = client.getHttpClient().newBuilder().tag(once).build();
    }

    CompletableFuture<Reply> get(DriverTarget driver, String podName, int port, String apiPath) {
        return get(driver.namespace(), "pods/" + encode(podName) + ":" + port, apiPath);
    }

    /** Through the services proxy instead, to the Service's port Spark names {@code spark-ui}. */
    CompletableFuture<Reply> getViaService(DriverTarget driver, String serviceName, String apiPath) {
        return get(driver.namespace(), "services/" + encode(serviceName) + ":" + InsightSession.UI_PORT_NAME, apiPath);
    }

    private CompletableFuture<Reply> get(String namespace, String proxied, String apiPath) {
        String master = client.getMasterUrl().toString();
        String url = (master.endsWith("/") ? master : master + "/") + "api/v1/namespaces/" + encode(namespace)
                + "/" + proxied + "/proxy" + apiPath;
        HttpRequest request = http.newHttpRequestBuilder().uri(url).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).build();
        try {
            return http.sendAsync(request, String.class)
                    .thenApply(r -> new Reply(r.code(), r.body()))
                    .exceptionally(e -> new Reply(0, String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Reply(0, String.valueOf(e.getMessage())));
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
