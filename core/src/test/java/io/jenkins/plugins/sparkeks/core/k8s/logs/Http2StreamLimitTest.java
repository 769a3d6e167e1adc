package io.jenkins.plugins.sparkeks.core.k8s.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnector;
import io.jenkins.plugins.sparkeks.core.k8s.connect.HttpProxy;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Followed logs against an API endpoint as EKS serves it: TLS, HTTP/2 by ALPN and kube-apiserver's default limit of
 * 100 concurrent streams per connection, which the JDK client does not go beyond by opening another connection.
 */
class Http2StreamLimitTest {

    private static final int STREAM_LIMIT = 100;
    private static final int LOGS = 150;

    private final Vertx vertx = Vertx.vertx();
    private final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    private final Set<String> podsStreamed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger http2Streams = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<HttpServerResponse> open = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private HttpServer server;
    private AwsClientFactory aws;
    private ClusterConnector connector;

    @BeforeEach
    void startServer() throws Exception {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setKeyCertOptions(certificate.keyCertOptions())
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(STREAM_LIMIT));
        server = vertx.createHttpServer(options).connectionHandler(c -> connections.incrementAndGet()).requestHandler(request -> {
            if (request.version() == HttpVersion.HTTP_2) {
                http2Streams.incrementAndGet();
            }
            if (!request.path().endsWith("/log")) {
                request.response().putHeader("Content-Type", "application/json").end("{\"major\":\"1\",\"minor\":\"33\"}");
                return;
            }
            // a followed log: one line, then the stream stays open as a running driver's does
            String pod = request.path().split("/")[6];
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/plain");
            open.add(response);
            response.write("2026-12-05T00:00:00.000000001Z line of " + pod + "\n");
        }).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        aws = new AwsClientFactory();
        connector = new ClusterConnector(aws, (HttpProxy) null);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        aws.close();
        scheduler.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        certificate.delete();
    }

    @Test
    void moreFollowedLogsThanOneConnectionsStreamLimitAreAllDeliveredAndTheClusterClientStaysUsable() throws Exception {
        String url = "https://localhost:" + server.actualPort() + "/";
        String ca = Files.readString(Path.of(certificate.certificatePath()));
        ClusterConnection connection = connector.connect(new ClusterAccess.ServerToken(url, "token", ca, false));
        HttpClient http = connection.client().getHttpClient();
        // the cluster client's own connection first, negotiated to HTTP/2 as a submission's requests leave it
        assertThat(http.sendAsync(http.newHttpRequestBuilder().uri(url + "version").build(), String.class)
                .get(60, TimeUnit.SECONDS).code()).isEqualTo(200);

        List<DriverLogFollower> followers = new ArrayList<>();
        for (int i = 0; i < LOGS; i++) {
            String pod = "driver-" + i;
            DriverLogFollower follower = new DriverLogFollower(connection.client(), "spark", pod, null,
                    line -> podsStreamed.add(pod), d -> {}, scheduler,
                    new LogFollowPolicy(Duration.ofMillis(50), Duration.ofMillis(200), 3, Duration.ofSeconds(30)));
            followers.add(follower);
            follower.start();
        }
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(podsStreamed).hasSize(LOGS));
            assertThat(open).hasSize(LOGS);
            assertThat(http2Streams.get()).isGreaterThan(STREAM_LIMIT);
            // the cluster client's and two log clients' connections (each new client's first request goes alone,
            // so a burst of streams does not open a connection per TLS handshake); a little room for a retry
            assertThat(connections.get()).isBetween(3, 5);
            // with every log still open, the cluster client's ordinary requests still get a stream
            assertThat(http.sendAsync(http.newHttpRequestBuilder().uri(url + "version").build(), String.class)
                    .get(60, TimeUnit.SECONDS).code()).isEqualTo(200);
        } finally {
            followers.forEach(DriverLogFollower::stop);
        }
    }
}
