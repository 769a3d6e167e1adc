package io.jenkins.plugins.sparkeks.core.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A loopback HTTP server answering AWS calls from a function of the request; records every request it saw. */
public final class StubAwsServer implements AutoCloseable {

    public record Request(String method, String pathAndQuery, String authorization, String body) {
        public String credentialAccessKey() {
            int at = authorization == null ? -1 : authorization.indexOf("Credential=");
            return at < 0 ? null : authorization.substring(at + "Credential=".length(), authorization.indexOf('/', at));
        }
    }

    public record Reply(int status, String contentType, String body, Map<String, String> headers) {

        public Reply(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, body, more);
        }

        public static Reply xml(String body) {
            return new Reply(200, "text/xml", body);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public StubAwsServer(Function<Request, Reply> handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> answer(exchange, handler));
        server.start();
    }

    private void answer(HttpExchange exchange, Function<Request, Reply> handler) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            requests.add(request);
            Reply reply = handler.apply(request);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
