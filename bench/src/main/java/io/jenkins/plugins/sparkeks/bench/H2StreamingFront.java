package io.jenkins.plugins.sparkeks.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An API endpoint as EKS serves it for this purpose: TLS, HTTP/2 offered by ALPN next to HTTP/1.1, and a per-connection
 * stream limit ({@code SETTINGS_MAX_CONCURRENT_STREAMS}, kube-apiserver's default 100). Every GET is answered with a
 * response that stays open, as a followed log or a watch does ({@code /log} paths get a line a second, others a watch
 * event stream that sends nothing), so the client's connection use under many concurrent streams is what shows.
 */
final class H2StreamingFront implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    private final HttpServer server;
    private final AtomicInteger http2Streams = new AtomicInteger();
    private final AtomicInteger http1Requests = new AtomicInteger();

    H2StreamingFront(int maxConcurrentStreams) throws Exception {
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                .setKeyCertOptions(certificate.keyCertOptions())
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(maxConcurrentStreams));
        server = vertx.createHttpServer(options).requestHandler(request -> {
            (request.version() == HttpVersion.HTTP_2 ? http2Streams : http1Requests).incrementAndGet();
            if (request.path().equals("/version")) {
                request.response().putHeader("Content-Type", "application/json").end("{\"major\":\"1\",\"minor\":\"33\"}");
                return;
            }
            var response = request.response().setChunked(true).putHeader("Content-Type", "text/plain");
            if (request.path().endsWith("/log")) {
                long timer = vertx.setPeriodic(1000, id -> response.write("2026-12-05T00:00:00Z driver line\n"));
                response.closeHandler(v -> vertx.cancelTimer(timer));
                request.connection().closeHandler(v -> vertx.cancelTimer(timer));
            } else {
                response.putHeader("Content-Type", "application/json");
            }
            response.write("");
        }).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    String url() {
        return "https://localhost:" + server.actualPort() + "/";
    }

    /** The PEM certificate clients trust (it names {@code localhost}). */
    String certificatePath() {
        return certificate.certificatePath();
    }

    int port() {
        return server.actualPort();
    }

    int http2Streams() {
        return http2Streams.get();
    }

    int http1Requests() {
        return http1Requests.get();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        certificate.delete();
    }
}
