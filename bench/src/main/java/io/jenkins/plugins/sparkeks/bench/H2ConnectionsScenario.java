package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnector;
import io.jenkins.plugins.sparkeks.core.k8s.connect.HttpProxy;
import io.jenkins.plugins.sparkeks.core.k8s.logs.DriverLogFollower;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code k8s-h2}: how many TCP connections N followed driver logs hold when the API endpoint speaks TLS and offers
 * HTTP/2 with a 100-stream limit per connection, as EKS does (the sandbox speaks HTTP/1.1 only). The client is the
 * project's own connection setup ({@link ClusterConnector}, server URL, token and CA certificate) and each log the
 * project's {@link DriverLogFollower}, so its streams go where production's do (the connection's log stream
 * clients). The endpoint is {@link H2StreamingFront} in this JVM; only this process's client sockets to it are
 * counted.
 *
 * <p>Each N runs twice: a cold burst (the followers start before the cluster client has a connection) and warmed
 * (one request on the cluster client has finished first, as the submission's requests do on a live engine). The note
 * says how many logs delivered a line within a minute and whether the cluster client still answers a request with
 * every log open.
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
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (H2StreamingFront front = new H2StreamingFront(STREAM_LIMIT);
                AwsClientFactory aws = new AwsClientFactory();
                ClusterConnector connector = new ClusterConnector(aws, (HttpProxy) null)) {
            String ca = Files.readString(Path.of(front.certificatePath()));
            ClusterConnection connection = connector.connect(new ClusterAccess.ServerToken(front.url(), "bench", ca, false));
            HttpClient http = connection.client().getHttpClient();
            if (warm) {
                // one finished request first, so the burst finds an HTTP/2 connection already negotiated
                version(http, front);
            }
            Set<String> delivering = ConcurrentHashMap.newKeySet();
            List<DriverLogFollower> followers = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String pod = "driver-" + i;
                DriverLogFollower follower = new DriverLogFollower(connection.client(), "bench", pod, null,
                        line -> delivering.add(pod), d -> {}, scheduler, LogFollowPolicy.DEFAULT);
                followers.add(follower);
                follower.start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (delivering.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double deliverMs = (System.nanoTime() - start) / 1e6;
            Thread.sleep(2000);
            int connections = EngineProbe.connections(front.port());
            String request;
            try {
                request = "answered " + version(http, front);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                request = "failed (" + cause.getClass().getSimpleName() + " " + cause.getMessage() + ")";
            }
            followers.forEach(DriverLogFollower::stop);
            String note = "logs delivering " + delivering.size() + " of " + n + " after " + Table.number(deliverMs)
                    + " ms; then a request on the cluster client " + request + "; server saw HTTP/2 streams "
                    + front.http2Streams() + ", HTTP/1.1 " + front.http1Requests() + "; server limit " + STREAM_LIMIT
                    + " streams per connection; Java " + Runtime.version().feature();
            return Row.alone(SECTION, "TCP connections to the API, " + n + " followed logs"
                    + (warm ? " (connection warmed by one request)" : " (cold burst)"), "connections",
                    Samples.of(connections)).withNote(note);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static int version(HttpClient http, H2StreamingFront front) throws Exception {
        return http.sendAsync(http.newHttpRequestBuilder().uri(front.url() + "version").build(), String.class)
                .get(60, TimeUnit.SECONDS).code();
    }
}
