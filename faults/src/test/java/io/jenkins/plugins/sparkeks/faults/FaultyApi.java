package io.jenkins.plugins.sparkeks.faults;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a Kubernetes client sees of a faulty API: every request passes this interceptor, which sends it on unchanged
 * or, while a fault is on, to a closed port (an outage: every new connection refused), to another API server (one
 * that came back with its state reset), or to a small local server that answers 410 Gone or closes the connection
 * without an answer.
 */
final class FaultyApi implements Interceptor, AutoCloseable {

    enum Mode { NONE, OUTAGE, RESET_TO, GONE_ON_WATCH, DROP_WATCH_AND_LOGS, FAIL_DELETES }

    private static final String CLOSED = "http://127.0.0.1:1";

    private final HttpServer faults;
    private volatile Mode mode = Mode.NONE;
    private volatile String resetServer;
    private final AtomicInteger remaining = new AtomicInteger();
    final AtomicInteger injected = new AtomicInteger();

    FaultyApi() {
        try {
            faults = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faults.createContext("/gone", exchange -> {
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Expired\","
                    + "\"message\":\"too old resource version\",\"code\":410}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(410, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        faults.createContext("/drop", exchange -> exchange.close());
        faults.start();
    }

    /** Every new request fails until {@link #clear()}. */
    void outage() {
        set(Mode.OUTAGE, Integer.MAX_VALUE);
    }

    /** Every new API request goes to {@code server} (an empty API server) until {@link #clear()}. */
    void resetTo(String server) {
        resetServer = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        set(Mode.RESET_TO, Integer.MAX_VALUE);
    }

    /** The next {@code n} watch requests are answered 410 Gone. */
    void goneOnWatch(int n) {
        set(Mode.GONE_ON_WATCH, n);
    }

    /** The next {@code n} watch and log requests lose their connection without an answer. */
    void dropWatchAndLogs(int n) {
        set(Mode.DROP_WATCH_AND_LOGS, n);
    }

    /** Every pod DELETE fails (connection refused) until {@link #clear()}. */
    void failDeletes() {
        set(Mode.FAIL_DELETES, Integer.MAX_VALUE);
    }

    void clear() {
        mode = Mode.NONE;
    }

    private void set(Mode m, int n) {
        remaining.set(n);
        mode = m;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        URI uri = request.uri();
        String rest = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean watch = uri.getRawQuery() != null && uri.getRawQuery().contains("watch=true");
        boolean log = uri.getPath().endsWith("/log");
        String target = switch (mode) {
            case NONE -> null;
            case OUTAGE -> CLOSED;
            case RESET_TO -> log ? CLOSED : resetServer;
            case GONE_ON_WATCH -> watch ? base() + "/gone" : null;
            case DROP_WATCH_AND_LOGS -> watch || log ? base() + "/drop" : null;
            case FAIL_DELETES -> "DELETE".equals(request.method()) && uri.getPath().contains("/pods/") ? CLOSED : null;
        };
        if (target == null || remaining.getAndDecrement() <= 0) {
            return;
        }
        injected.incrementAndGet();
        builder.uri(URI.create(target + (target.endsWith("/gone") || target.endsWith("/drop") ? "" : rest)));
    }

    private String base() {
        return "http://127.0.0.1:" + faults.getAddress().getPort();
    }

    @Override
    public void close() {
        faults.stop(0);
    }
}
