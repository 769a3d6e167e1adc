package io.jenkins.plugins.sparkeks.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsRequest;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsResponse;
import io.jenkins.plugins.sparkeks.emulator.wire.CredentialScope;
import io.jenkins.plugins.sparkeks.emulator.wire.Json;
import io.jenkins.plugins.sparkeks.emulator.wire.Protocol;
import io.jenkins.plugins.sparkeks.emulator.wire.ServiceHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP endpoint: routes each request to a service by the signing name in its SigV4 credential scope, counts
 * it, applies injected faults, and answers under the model lock (after letting the model catch up with the clock).
 */
final class EmulatorServer implements AutoCloseable {
    private static final int THREADS = 8;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, ServiceHandler> services;
    private final Object modelLock;
    private final Runnable catchUp;
    private final Faults faults;
    private final CallLog calls;

    EmulatorServer(int port, Map<String, ServiceHandler> services, Object modelLock, Runnable catchUp, Faults faults,
                   CallLog calls) throws IOException {
        this.services = Map.copyOf(services);
        this.modelLock = modelLock;
        this.catchUp = catchUp;
        this.faults = faults;
        this.calls = calls;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "aws-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // The JDK server writes headers and body separately; with Nagle on, the body waits for the client's delayed
        // ACK (~40 ms a call). The setting is read once, when the JDK's server classes load, and only speeds up
        // com.sun.net.httpserver servers, so it is set unless someone chose otherwise.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Optional<CredentialScope> scope = scopeOf(exchange);
            ServiceHandler service = scope.map(s -> services.get(s.service())).orElse(null);
            if (service == null) {
                write(exchange, unroutable(scope));
                return;
            }
            AwsRequest request = new AwsRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()), headers(exchange), body, scope.get());
            write(exchange, answer(service, request));
        } catch (DroppedConnection dropped) {
            // closing the exchange before any header was sent closes the connection without a response
        } catch (RuntimeException bug) {
            write(exchange, AwsResponse.json(500, "application/json", Json.object()
                    .put("message", "emulator failure: " + bug)));
        } finally {
            exchange.close();
        }
    }

    private AwsResponse answer(ServiceHandler service, AwsRequest request) {
        Protocol protocol = service.protocol();
        Operation operation;
        try {
            operation = service.operationOf(request);
        } catch (AwsError error) {
            return protocol.render(error);
        }
        calls.record(operation, request.scope().accessKeyId());
        pause(faults.latencyOf(operation));
        faults.takeHold(operation).ifPresent(Faults.Hold::block);
        Optional<Faults.Kind> fault = faults.take(operation);
        if (fault.isPresent()) {
            return switch (fault.get()) {
                case THROTTLE -> protocol.render(protocol.throttling());
                case SERVER_ERROR -> protocol.render(protocol.internalError());
                case DROP_CONNECTION -> throw new DroppedConnection();
            };
        }
        try {
            synchronized (modelLock) {
                catchUp.run();
                return service.handle(operation, request);
            }
        } catch (AwsError error) {
            return protocol.render(error);
        }
    }

    private static AwsResponse unroutable(Optional<CredentialScope> scope) {
        String message = scope.map(s -> "The emulator does not serve service '" + s.service() + "'")
                .orElse("Request is not SigV4-signed: no Credential scope in the Authorization header or query");
        return AwsResponse.json(scope.isPresent() ? 400 : 403, "application/json", Json.object()
                        .put("__type", "UnrecognizedClientException").put("message", message))
                .withHeader("x-amzn-ErrorType", "UnrecognizedClientException");
    }

    private static void write(HttpExchange exchange, AwsResponse response) throws IOException {
        String requestId = UUID.randomUUID().toString();
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("x-amz-request-id", requestId);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Optional<CredentialScope> scopeOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            return CredentialScope.fromAuthorization(authorization);
        }
        List<String> credential = query(exchange.getRequestURI().getRawQuery()).get("X-Amz-Credential");
        return credential == null ? Optional.empty() : CredentialScope.parse(credential.get(0));
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return headers;
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Unwinds to {@link #exchange} so the exchange is closed with nothing written. */
    private static final class DroppedConnection extends RuntimeException {
        DroppedConnection() {
            super(null, null, false, false);
        }
    }
}
