package io.jenkins.plugins.sparkeks.conformance;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A fabric8 CRUD mock API server on 127.0.0.1 that also understands server-side apply, which spark-submit uses for
 * the driver's Service and ConfigMap and the CRUD mock lacks: an apply becomes a create, or a replace when the
 * object exists.
 */
final class ApplyAsCreateOrReplaceServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    ApplyAsCreateOrReplaceServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String type = request.getHeader("Content-Type");
                if ("PATCH".equals(request.getMethod()) && type != null && type.startsWith("application/apply-patch")) {
                    return apply(crud, request);
                }
                return crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private MockResponse apply(KubernetesMixedDispatcher crud, RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        String objectPath = query < 0 ? path : path.substring(0, query);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = serialization.unmarshal(request.getUtf8Body(), Map.class);
        MockResponse current = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, objectPath, json(), new Buffer()));
        if (current.code() == 404) {
            String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
            return crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.POST, collection, json(), bytes(body)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> existing = serialization.unmarshal(current.getBody().readUtf8(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) body.computeIfAbsent("metadata", k -> new HashMap<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> existingMeta = (Map<String, Object>) existing.get("metadata");
        meta.put("resourceVersion", existingMeta.get("resourceVersion"));
        return crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, objectPath, json(), bytes(body)));
    }

    private Buffer bytes(Object body) {
        return new Buffer(serialization.asJson(body).getBytes(StandardCharsets.UTF_8));
    }

    private static Headers json() {
        return Headers.builder().add("Content-Type", "application/json").build();
    }

    /** {@code http://127.0.0.1:<port>} */
    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A client on {@link #url()}: the mock's own client says localhost, spark-submit is given 127.0.0.1. */
    KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withTrustCerts(true).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
