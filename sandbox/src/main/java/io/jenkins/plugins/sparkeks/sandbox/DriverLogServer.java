package io.jenkins.plugins.sparkeks.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code GET /api/v1/namespaces/{ns}/pods/{pod}/log} the way the kubelet does, streaming: the
 * fabric8 mock server sends a body all at once, so log requests are routed here (see {@link LogRouting}).
 * Supports {@code follow}, {@code timestamps}, {@code sinceTime} (inclusive), {@code tailLines} and
 * {@code container}. The pod and service proxy paths are served here too ({@link DriverProxy}), on threads that
 * may wait for a driver.
 */
final class DriverLogServer implements AutoCloseable {

    private static final Pattern LOG_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log");
    /** How long a follower waits for a new line before checking again whether the client is still there. */
    private static final long FOLLOW_WAIT_MILLIS = 500;

    private final Map<String, PodLog> logs = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService handlers;
    private final DriverProxy proxy;

    DriverLogServer(DriverProxy proxy) throws IOException {
        this.proxy = proxy;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // a follower holds its connection (and so a server thread) open; this is a fake kubelet, not our client
        handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-driver-log");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    PodLog open(String namespace, String pod) {
        PodLog log = new PodLog();
        logs.put(namespace + "/" + pod, log);
        return log;
    }

    /** A deleted pod's log is gone, as on a real node; open followers end. */
    void remove(String namespace, String pod) {
        PodLog log = logs.remove(namespace + "/" + pod);
        if (log != null) {
            log.finish();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String raw = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            if (DriverProxy.PROXY.matcher(raw).matches()) {
                proxy(exchange, raw);
                return;
            }
            Matcher m = LOG_PATH.matcher(exchange.getRequestURI().getPath());
            if (!"GET".equals(exchange.getRequestMethod()) || !m.matches()) {
                status(exchange, 404, "NotFound", "the sandbox log server only serves pod logs");
                return;
            }
            String namespace = m.group(1);
            String pod = m.group(2);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String container = query.get("container");
            PodLog log = logs.get(namespace + "/" + pod);
            if (log == null) {
                status(exchange, 404, "NotFound", "pods \"" + pod + "\" not found");
                return;
            }
            if (container != null && !SparkLabels.DRIVER_CONTAINER.equals(container)) {
                status(exchange, 400, "BadRequest",
                        "container " + container + " is not valid for pod " + pod);
                return;
            }
            if (!log.started()) {
                status(exchange, 400, "BadRequest", "container \"" + SparkLabels.DRIVER_CONTAINER + "\" in pod \""
                        + pod + "\" is waiting to start: ContainerCreating");
                return;
            }
            Instant since;
            try {
                since = query.containsKey("sinceTime") ? Instant.parse(query.get("sinceTime")) : null;
            } catch (DateTimeParseException e) {
                status(exchange, 400, "BadRequest", "sinceTime is not an RFC 3339 time");
                return;
            }
            stream(exchange, log, Boolean.parseBoolean(query.get("follow")),
                    Boolean.parseBoolean(query.get("timestamps")), since, tailLines(query.get("tailLines")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void proxy(HttpExchange exchange, String pathAndQuery) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String name : List.of("Accept", "Content-Type")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        DriverProxy.Answer answer = proxy.handle(exchange.getRequestMethod(), pathAndQuery, headers, body);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        if (answer.location() != null) {
            exchange.getResponseHeaders().set("Location", answer.location());
        }
        exchange.sendResponseHeaders(answer.code(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            exchange.getResponseBody().write(answer.body());
        }
    }

    private static void stream(HttpExchange exchange, PodLog log, boolean follow, boolean timestamps, Instant since,
            int tailLines) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<PodLog.Entry> first = log.after(0, 0);
        int delivered = first.size();
        List<PodLog.Entry> initial = first.stream()
                .filter(e -> since == null || !e.timestamp().isBefore(since))
                .toList();
        if (tailLines >= 0 && initial.size() > tailLines) {
            initial = initial.subList(initial.size() - tailLines, initial.size());
        }
        write(out, initial, timestamps);
        while (follow && !log.finishedAt(delivered)) {
            List<PodLog.Entry> more = log.after(delivered, FOLLOW_WAIT_MILLIS);
            delivered += more.size();
            write(out, more, timestamps);
        }
    }

    private static void write(OutputStream out, List<PodLog.Entry> entries, boolean timestamps) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (PodLog.Entry e : entries) {
            if (timestamps) {
                sb.append(e.stamp()).append(' ');
            }
            sb.append(e.text()).append('\n');
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static int tailLines(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) {
            return q;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            q.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void status(HttpExchange exchange, int code, String reason, String message) throws IOException {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
                + message.replace("\"", "\\\"") + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        logs.values().forEach(PodLog::finish);
        server.stop(0);
        handlers.shutdownNow();
    }
}
