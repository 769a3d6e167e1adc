package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnector;
import io.jenkins.plugins.sparkeks.core.k8s.connect.HttpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code k8s-h2}: how many TCP connections N followed driver logs hold when the API endpoint speaks TLS and offers
 * HTTP/2 with a 100-stream limit per connection, as EKS does (the sandbox speaks HTTP/1.1 only). The client is the
 * project's own connection setup ({@link ClusterConnector}, server URL, token and CA certificate); each log is the
 * follower's request ({@code GET .../log?follow=true}) sent through the client's HTTP client and kept open.
 * The endpoint is {@link H2StreamingFront} in this JVM; only this process's client sockets to it are counted.
 *
 * <p>Each N runs twice: a cold burst (the N requests start before any connection exists, so the JDK client opens
 * connections until one has negotiated HTTP/2) and warmed (one request has finished first, as the submission's
 * requests do on a live engine). Warmed, every stream shares one connection, and the JDK client (17 and 25 alike)
 * fails the streams beyond the server's limit with "too many concurrent streams" instead of opening another
 * connection; the row's note counts them.
 */
final class H2ConnectionsScenario implements Scenario {

    private static final String SECTION = "2 waiting (TLS + HTTP/2 API)";
    private static final int STREAM_LIMIT = 100;

    @Override
    public String name() {
        return "k8s-h2";
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int n : context.options().scales()) {
            rows.add(measure(n, false));
            rows.add(measure(n, true));
        }
        return rows;
    }

    private static Row measure(int n, boolean warm) throws Exception {
        try (H2StreamingFront front = new H2StreamingFront(STREAM_LIMIT);
                AwsClientFactory aws = new AwsClientFactory();
                ClusterConnector connector = new ClusterConnector(aws, (HttpProxy) null)) {
            String ca = Files.readString(Path.of(front.certificatePath()));
            ClusterConnection connection = connector.connect(new ClusterAccess.ServerToken(front.url(), "bench", ca, false));
            HttpClient http = connection.client().getHttpClient();
            if (warm) {
                // one finished request first, so the burst finds an HTTP/2 connection already negotiated
                http.sendAsync(http.newHttpRequestBuilder().uri(front.url() + "version").build(), String.class)
                        .get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            List<CompletableFuture<HttpResponse<AsyncBody>>> logs = new ArrayList<>();
            List<AsyncBody> bodies = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                HttpRequest request = http.newHttpRequestBuilder()
                        .uri(front.url() + "api/v1/namespaces/bench/pods/driver-" + i
                                + "/log?container=spark-kubernetes-driver&follow=true&timestamps=true")
                        .build();
                logs.add(http.consumeBytes(request, (buffers, body) -> body.consume()));
            }
            int opened = 0;
            int failed = 0;
            String firstFailure = "";
            for (CompletableFuture<HttpResponse<AsyncBody>> log : logs) {
                try {
                    HttpResponse<AsyncBody> response = log.get(120, java.util.concurrent.TimeUnit.SECONDS);
                    response.body().consume();
                    bodies.add(response.body());
                    opened++;
                } catch (Exception e) {
                    if (failed++ == 0) {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        firstFailure = ": " + cause.getClass().getSimpleName() + " " + cause.getMessage();
                    }
                }
            }
            double openMs = (System.nanoTime() - start) / 1e6;
            Thread.sleep(2000);
            int connections = EngineProbe.connections(front.port());
            bodies.forEach(AsyncBody::cancel);
            String note = "streams open " + opened + " (failed " + failed + firstFailure + "), seen by the server as HTTP/2 "
                    + front.http2Streams() + ", HTTP/1.1 " + front.http1Requests() + "; server limit " + STREAM_LIMIT
                    + " streams per connection; Java " + Runtime.version().feature() + "; all answered after " + Table.number(openMs) + " ms";
            return Row.alone(SECTION, "TCP connections to the API, " + n + " followed logs"
                    + (warm ? " (connection warmed by one request)" : " (cold burst)"), "connections",
                    Samples.of(connections)).withNote(note);
        }
    }
}
