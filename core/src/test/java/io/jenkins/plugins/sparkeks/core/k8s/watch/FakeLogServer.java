package io.jenkins.plugins.sparkeks.core.k8s.watch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves pod logs the way the API server does ({@code follow}, {@code timestamps}, {@code sinceTime}),
 * streaming lines as they are appended, so that a test can cut connections mid-stream. The fabric8 CRUD
 * mock does not serve logs; {@link #interceptor()} reroutes {@code /log} requests here. Binds 127.0.0.1.
 */
public final class FakeLogServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, PodLog> logs = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    public FakeLogServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sends every {@code .../pods/NAME/log} request to this server; everything else stays with the mock. */
    public Interceptor interceptor() {
        URI base = base();
        return new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                URI uri = request.uri();
                if (uri.getPath().matches(".*/pods/[^/]+/log")) {
                    builder.uri(base.resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
                }
            }
        };
    }

    /** The container of {@code pod} exists and may write lines. */
    public PodLog pod(String namespace, String pod) {
        return logs.computeIfAbsent(namespace + "/" + pod, k -> new PodLog());
    }

    /** The pod was deleted: its log is gone (404) until a pod of the same name starts again, with a log of its own. */
    public void gone(String namespace, String pod) {
        logs.remove(namespace + "/" + pod);
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String[] parts = exchange.getRequestURI().getPath().split("/");
        // /api/v1/namespaces/{ns}/pods/{pod}/log
        PodLog log = parts.length == 8 ? logs.get(parts[4] + "/" + parts[6]) : null;
        if (log == null) {
            byte[] body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        boolean follow = "true".equals(query.get("follow"));
        boolean timestamps = "true".equals(query.get("timestamps"));
        Instant since = query.containsKey("sinceTime") ? Instant.parse(query.get("sinceTime")) : null;
        log.serve(exchange, follow, timestamps, since);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    @Override
    public void close() {
        logs.values().forEach(PodLog::finish);
        server.stop(0);
        threads.shutdownNow();
    }

    /** One container's log. */
    public static final class PodLog {
        private final List<Instant> stamps = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private boolean finished;
        private int killGeneration;
        private int streams;
        private int cutMidLine;

        public synchronized PodLog line(Instant timestamp, String text) {
            stamps.add(timestamp);
            texts.add(text);
            notifyAll();
            return this;
        }

        /** The container terminated: following streams end once they have sent everything. */
        public synchronized void finish() {
            finished = true;
            notifyAll();
        }

        /** Aborts every open stream (no final chunk), optionally after half of the next line. */
        public synchronized void cutConnections(boolean midLine) {
            killGeneration++;
            cutMidLine = midLine ? killGeneration : 0;
            notifyAll();
        }

        public synchronized int streams() {
            return streams;
        }

        void serve(HttpExchange exchange, boolean follow, boolean timestamps, Instant since) throws IOException {
            int myKill;
            synchronized (this) {
                streams++;
                myKill = killGeneration;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            int next = 0;
            while (true) {
                String chunk;
                boolean cut;
                boolean halfLine;
                synchronized (this) {
                    while (next >= texts.size() && !finished && killGeneration == myKill && follow) {
                        try {
                            wait(1000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    cut = killGeneration != myKill;
                    halfLine = cut && cutMidLine == killGeneration;
                    if (next >= texts.size()) {
                        if (cut) {
                            abort(exchange);
                            return;
                        }
                        if (finished || !follow) {
                            break;
                        }
                        continue;
                    }
                    if (since != null && stamps.get(next).isBefore(since)) {
                        next++;
                        continue;
                    }
                    chunk = (timestamps ? stamps.get(next) + " " : "") + texts.get(next) + "\n";
                    next++;
                }
                if (cut) {
                    if (halfLine) {
                        out.write(chunk.substring(0, chunk.length() / 2).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    abort(exchange);
                    return;
                }
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.close();
        }

        /** Leaves the chunked body without its last chunk: the client sees a broken connection. */
        private static void abort(HttpExchange exchange) {
            throw new IllegalStateException("connection cut by the test (" + exchange.getRequestURI().getPath() + ")");
        }
    }
}
