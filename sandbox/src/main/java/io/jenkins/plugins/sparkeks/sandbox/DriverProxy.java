package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's proxy subresources: {@code pods/{name}[:port]/proxy/...} and {@code services/{name}[:port]/proxy/...}
 * (port by number or name, optional {@code http:} scheme prefix) reach what a driver serves, as kube-apiserver does:
 * a Service reaches the Running pod its selector picks through its target port, and a port where nothing listens
 * answers 503 with a Status. Served beside the pod log, on threads that may wait for a slow driver: the mock API
 * server answers on its event loop, which a slow Spark UI must not hold up.
 */
final class DriverProxy {

    static final Pattern PROXY = Pattern.compile(
            "/api/v1/namespaces/([^/]+)/(pods|services)/([^/]+)/proxy(/[^?]*)?(\\?.*)?");
    /** The API server's default when a pod proxy path names no port. */
    private static final int DEFAULT_POD_PORT = 80;

    /** An answer: status, content type (null for none), body, redirect location (null for none). */
    record Answer(int code, String contentType, byte[] body, String location) {}

    private final KubernetesClient client;
    private final DriverEndpoints endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    DriverProxy(KubernetesClient client, DriverEndpoints endpoints) {
        this.client = client;
        this.endpoints = endpoints;
    }

    /** The answer for a path {@link #PROXY} matches (raw path and query). */
    Answer handle(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Matcher m = PROXY.matcher(pathAndQuery);
        if (!m.matches()) {
            return status(404, "NotFound", "not a proxy path");
        }
        String namespace = m.group(1);
        String[] target = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8).split(":", -1);
        // name, name:port or scheme:name:port
        String name = target.length == 3 ? target[1] : target[0];
        String port = target.length == 3 ? target[2] : target.length == 2 ? target[1] : "";
        String rest = (m.group(4) == null ? "/" : m.group(4)) + (m.group(5) == null ? "" : m.group(5));
        Request request = new Request(method, headers, body);
        return "pods".equals(m.group(2))
                ? podProxy(request, namespace, name, port, rest)
                : serviceProxy(request, namespace, name, port, rest);
    }

    private record Request(String method, Map<String, String> headers, byte[] body) {}

    private Answer podProxy(Request request, String namespace, String name, String port, String rest) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod == null) {
            return status(404, "NotFound", "pods \"" + name + "\" not found");
        }
        OptionalInt containerPort = port.isEmpty() ? OptionalInt.of(DEFAULT_POD_PORT) : containerPort(pod, port);
        if (containerPort.isEmpty()) {
            return status(503, "ServiceUnavailable", "no port named \"" + port + "\" in pod " + name);
        }
        return forward(request, pod, containerPort.getAsInt(), rest);
    }

    private Answer serviceProxy(Request request, String namespace, String name, String port, String rest) {
        Service service = client.services().inNamespace(namespace).withName(name).get();
        if (service == null) {
            return status(404, "NotFound", "services \"" + name + "\" not found");
        }
        List<ServicePort> ports = service.getSpec().getPorts();
        Optional<ServicePort> servicePort = ports.stream()
                .filter(p -> port.isEmpty() ? ports.size() == 1
                        : port.equals(p.getName()) || port.equals(String.valueOf(p.getPort())))
                .findFirst();
        Map<String, String> selector = service.getSpec().getSelector();
        Optional<Pod> pod = servicePort.isEmpty() || selector == null || selector.isEmpty() ? Optional.empty()
                : client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
                        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                        .findFirst();
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

    private Answer forward(Request request, Pod pod, int containerPort, String rest) {
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        OptionalInt local = endpoints.localPort(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                containerPort);
        String unreachable = "error trying to reach service: dial tcp " + podIp + ":" + containerPort
                + ": connect: connection refused";
        if (local.isEmpty()) {
            return status(503, "ServiceUnavailable", unreachable);
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(
                        URI.create("http://" + DriverCommand.LOOPBACK + ":" + local.getAsInt() + rest))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (String header : List.of("Accept", "Content-Type")) {
            String value = request.headers().get(header);
            if (value != null) {
                out.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            return status(503, "ServiceUnavailable", unreachable);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return status(503, "ServiceUnavailable", unreachable);
        }
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

    static Answer status(int code, String reason, String message) {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"reason\":\"" + reason
                + "\",\"code\":" + code + "}";
        return new Answer(code, "application/json", body.getBytes(StandardCharsets.UTF_8), null);
    }
}
