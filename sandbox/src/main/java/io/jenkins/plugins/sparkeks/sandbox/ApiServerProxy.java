package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API server with its proxy subresources: {@code pods/{name}[:port]/proxy/...} and
 * {@code services/{name}[:port]/proxy/...} (port by number or name, optional {@code http:} scheme prefix) reach
 * what a driver serves, as kube-apiserver does; everything else is the fabric8 mock in CRUD mode. Pods, Services
 * and their ports are read from the mock's own store, so a Service reaches the pod its selector picks through its
 * target port.
 */
final class ApiServerProxy extends KubernetesMixedDispatcher {

    private static final Pattern PROXY = Pattern.compile(
            "/api/v1/namespaces/([^/]+)/(pods|services)/([^/]+)/proxy(/[^?]*)?(\\?.*)?");
    /** The API server's default when a pod proxy path names no port. */
    private static final int DEFAULT_POD_PORT = 80;

    private final DriverEndpoints endpoints;
    private final KubernetesSerialization json = new KubernetesSerialization();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ApiServerProxy(Map<ServerRequest, Queue<ServerResponse>> responses, DriverEndpoints endpoints) {
        super(responses);
        this.endpoints = endpoints;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Matcher m = PROXY.matcher(request.getPath());
        if (!m.matches()) {
            return super.dispatch(request);
        }
        String namespace = m.group(1);
        String[] target = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8).split(":", -1);
        // name, name:port or scheme:name:port
        String name = target.length == 3 ? target[1] : target[0];
        String port = target.length == 3 ? target[2] : target.length == 2 ? target[1] : "";
        String rest = (m.group(4) == null ? "/" : m.group(4)) + (m.group(5) == null ? "" : m.group(5));
        return "pods".equals(m.group(2))
                ? podProxy(request, namespace, name, port, rest)
                : serviceProxy(request, namespace, name, port, rest);
    }

    private MockResponse podProxy(RecordedRequest request, String namespace, String name, String port, String rest) {
        Optional<Pod> pod = read("/api/v1/namespaces/" + namespace + "/pods/" + name, Pod.class);
        if (pod.isEmpty()) {
            return status(404, "NotFound", "pods \"" + name + "\" not found");
        }
        OptionalInt containerPort = port.isEmpty() ? OptionalInt.of(DEFAULT_POD_PORT) : containerPort(pod.get(), port);
        if (containerPort.isEmpty()) {
            return status(503, "ServiceUnavailable", "no port named \"" + port + "\" in pod " + name);
        }
        return forward(request, pod.get(), containerPort.getAsInt(), rest);
    }

    private MockResponse serviceProxy(RecordedRequest request, String namespace, String name, String port,
            String rest) {
        Optional<Service> service = read("/api/v1/namespaces/" + namespace + "/services/" + name, Service.class);
        if (service.isEmpty()) {
            return status(404, "NotFound", "services \"" + name + "\" not found");
        }
        Optional<ServicePort> servicePort = service.get().getSpec().getPorts().stream()
                .filter(p -> port.isEmpty() ? service.get().getSpec().getPorts().size() == 1
                        : port.equals(p.getName()) || port.equals(String.valueOf(p.getPort())))
                .findFirst();
        Map<String, String> selector = service.get().getSpec().getSelector();
        Optional<Pod> pod = servicePort.isEmpty() || selector == null || selector.isEmpty() ? Optional.empty()
                : read("/api/v1/namespaces/" + namespace + "/pods?labelSelector=" + URLEncoder.encode(
                        selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(",")), StandardCharsets.UTF_8), PodList.class)
                        .flatMap(list -> list.getItems().stream()
                                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                                .findFirst());
        if (pod.isEmpty()) {
            return status(503, "ServiceUnavailable", "no endpoints available for service \"" + name + "\"");
        }
        IntOrString target = servicePort.get().getTargetPort();
        OptionalInt containerPort = target == null ? OptionalInt.of(servicePort.get().getPort())
                : target.getIntVal() != null ? OptionalInt.of(target.getIntVal())
                : containerPort(pod.get(), target.getStrVal());
        if (containerPort.isEmpty()) {
            return status(503, "ServiceUnavailable", "no endpoints available for service \"" + name + "\"");
        }
        return forward(request, pod.get(), containerPort.getAsInt(), rest);
    }

    private MockResponse forward(RecordedRequest request, Pod pod, int containerPort, String rest) {
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        OptionalInt local = endpoints.localPort(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                containerPort);
        String unreachable = "error trying to reach service: dial tcp " + podIp + ":" + containerPort
                + ": connect: connection refused";
        if (local.isEmpty()) {
            return status(503, "ServiceUnavailable", unreachable);
        }
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        HttpRequest.Builder out = HttpRequest.newBuilder(
                        URI.create("http://" + DriverCommand.LOOPBACK + ":" + local.getAsInt() + rest))
                .timeout(Duration.ofSeconds(10))
                .method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : new String[] {"Accept", "Content-Type"}) {
            String value = request.getHeader(header);
            if (value != null) {
                out.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            MockResponse answer = new MockResponse().setResponseCode(response.statusCode()).setBody(response.body());
            response.headers().firstValue("Content-Type").ifPresent(v -> answer.setHeader("Content-Type", v));
            response.headers().firstValue("Location").ifPresent(v -> answer.setHeader("Location", v));
            return answer;
        } catch (IOException e) {
            return status(503, "ServiceUnavailable", unreachable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return status(503, "ServiceUnavailable", unreachable);
        }
    }

    /** An object from the mock's store, read in-process: this runs on the mock's own event loop. */
    private <T> Optional<T> read(String path, Class<T> type) {
        MockResponse response = super.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, path,
                Headers.builder().build(), new Buffer()));
        if (response.code() != 200 || response.getBody() == null) {
            return Optional.empty();
        }
        return Optional.of(json.unmarshal(response.getBody().readUtf8(), type));
    }

    private static OptionalInt containerPort(Pod pod, String port) {
        if (port.chars().allMatch(Character::isDigit)) {
            return OptionalInt.of(Integer.parseInt(port));
        }
        for (Container c : pod.getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts()) {
                if (port.equals(p.getName())) {
                    return OptionalInt.of(p.getContainerPort());
                }
            }
        }
        return OptionalInt.empty();
    }

    private static MockResponse status(int code, String reason, String message) {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"reason\":\"" + reason + "\",\"code\":"
                + code + "}";
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
