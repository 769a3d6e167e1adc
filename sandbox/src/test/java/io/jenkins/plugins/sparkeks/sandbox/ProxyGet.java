package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/** GETs an API path with a sandbox client's own HTTP client (its routing included), without the client's retries. */
final class ProxyGet {

    record Reply(int code, String contentType, String body) {}

    private final KubernetesClient client;
    private final HttpClient http;

    ProxyGet(KubernetesClient client) {
        this.client = client;
        this.http = client.getHttpClient().newBuilder()
                .tag(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                        .withRequestRetryBackoffLimit(0).build())
                .build();
    }

    Reply get(String path) throws Exception {
        String master = client.getMasterUrl().toString();
        String url = (master.endsWith("/") ? master.substring(0, master.length() - 1) : master) + path;
        HttpResponse<String> r = http.sendAsync(http.newHttpRequestBuilder().uri(url).build(), String.class)
                .get(40, TimeUnit.SECONDS);
        return new Reply(r.code(), r.header("Content-Type"), r.body());
    }
}
