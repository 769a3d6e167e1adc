package io.jenkins.plugins.sparkeks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of a Kubernetes API server on the loopback interface for {@link CdsTraining} to run a real submission:
 * lists are empty, reads find nothing, creations echo the object back with a uid. Nothing is stored.
 */
final class TrainingApiServer implements AutoCloseable {

    private static final String NOT_FOUND = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    TrainingApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/";
    }

    /** {@code METHOD path} of every request answered so far. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("POST")) {
                JsonNode object = json.readTree(body);
                if (object.get("metadata") instanceof ObjectNode metadata) {
                    metadata.put("uid", UUID.randomUUID().toString()).put("resourceVersion", "1");
                }
                send(exchange, 201, json.writeValueAsBytes(object));
            } else if (method.equals("GET") && exchange.getRequestURI().getQuery() != null) {
                String kind = path.endsWith("/pods") ? "PodList" : "List";
                send(exchange, 200, ("{\"kind\":\"" + kind + "\",\"apiVersion\":\"v1\",\"metadata\":"
                        + "{\"resourceVersion\":\"1\"},\"items\":[]}").getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, NOT_FOUND.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
