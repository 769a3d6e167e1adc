package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The CRUD mock plus what the real spark-submit relies on: server-side apply for the driver's ConfigMap and
 * Service (an apply creates the object, or replaces it when it exists; no field ownership or merge), and a new pod
 * carrying {@code status.phase: Pending} from its creation, as an API server gives it (spark-submit's watcher
 * reads the status of the first event it sees).
 */
final class ServerSideApply extends Dispatcher {

    private final KubernetesMixedDispatcher crud;
    private final KubernetesSerialization json = new KubernetesSerialization();

    ServerSideApply(KubernetesMixedDispatcher crud) {
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        if ("POST".equals(request.getMethod()) && request.getPath().matches("/api/v1/namespaces/[^/]+/pods(\\?.*)?")) {
            return crud.dispatch(pending(request));
        }
        if (!"PATCH".equals(request.getMethod()) || type == null || !type.startsWith("application/apply-patch")) {
            return crud.dispatch(request);
        }
        String path = request.getPath();
        String object = path.indexOf('?') < 0 ? path : path.substring(0, path.indexOf('?'));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.unmarshal(request.getUtf8Body(), Map.class);
        MockResponse current = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, object, jsonType(), new Buffer()));
        if (current.code() == 404) {
            return crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.POST, object.substring(0, object.lastIndexOf('/')),
                    jsonType(), bytes(body)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> existing = json.unmarshal(current.getBody().readUtf8(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) body.computeIfAbsent("metadata", k -> new HashMap<>());
        // a replace must carry the stored version, or the mock refuses it as a conflict
        meta.put("resourceVersion", ((Map<?, ?>) existing.get("metadata")).get("resourceVersion"));
        return crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.PUT, object, jsonType(), bytes(body)));
    }

    private RecordedRequest pending(RecordedRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, Object> pod = json.unmarshal(request.getUtf8Body(), Map.class);
        if (pod.get("status") != null) {
            return request;
        }
        pod.put("status", Map.of("phase", "Pending"));
        return new RecordedRequest("HTTP/1.1", HttpMethod.POST, request.getPath(), jsonType(), bytes(pod));
    }

    private Buffer bytes(Object body) {
        return new Buffer(json.asJson(body).getBytes(StandardCharsets.UTF_8));
    }

    private static Headers jsonType() {
        return Headers.builder().add("Content-Type", "application/json").build();
    }
}
