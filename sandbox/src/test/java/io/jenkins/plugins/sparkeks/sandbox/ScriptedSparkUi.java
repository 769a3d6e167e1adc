package io.jenkins.plugins.sparkeks.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stand-in for a scripted driver's Spark UI REST API: two jobs of one stage each, advancing one step every
 * {@code stepMillis} from the first request (job 0 running, then job 1 running, then both done), so a test sees
 * progress without a real driver. Only the paths insight reads; requests' application ids are remembered.
 */
final class ScriptedSparkUi implements AutoCloseable {

    private final HttpServer server;
    private final java.util.Set<String> appIdsAsked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String appId = "unknown";
    private final long stepMillis;
    private volatile long firstRequestAt;

    ScriptedSparkUi(long stepMillis) throws IOException {
        this.stepMillis = stepMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/applications", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The application the UI belongs to (the driver's spark.app.id). */
    void appId(String id) {
        this.appId = id;
    }

    /** The application ids asked for by path. */
    java.util.Set<String> appIdsAsked() {
        return java.util.Set.copyOf(appIdsAsked);
    }

    private synchronized int step() {
        long now = System.currentTimeMillis();
        if (firstRequestAt == 0) {
            firstRequestAt = now;
        }
        return (int) Math.min(2, (now - firstRequestAt) / stepMillis);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            if (parts.length > 4) {
                appIdsAsked.add(parts[4]);
            }
            String base = "/api/v1/applications/" + appId;
            int step = step();
            String body;
            if (path.equals("/api/v1/applications")) {
                body = "[{\"id\":\"" + appId + "\",\"name\":\"scripted\"}]";
            } else if (path.equals(base + "/jobs")) {
                body = "[" + job(1, step == 0 ? null : step == 1 ? "RUNNING" : "SUCCEEDED") + job(0, step == 0 ? "RUNNING"
                        : "SUCCEEDED") + "]";
                body = body.replace("[,", "[").replace(",]", "]");
            } else if (path.equals(base + "/stages")) {
                body = "[" + String.join(",", List.of(
                        stage(1, step == 0 ? "PENDING" : step == 1 ? "ACTIVE" : "COMPLETE", step == 2 ? 4 : step == 1 ? 2 : 0),
                        stage(0, step == 0 ? "ACTIVE" : "COMPLETE", step == 0 ? 1 : 4))) + "]";
            } else if (path.equals(base + "/allexecutors")) {
                body = "[{\"id\":\"driver\",\"isActive\":true},{\"id\":\"1\",\"isActive\":true}]";
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** A job, or nothing before it was submitted; every item ends with ',' and the caller trims the last. */
    private static String job(int id, String status) {
        return status == null ? "" : "{\"jobId\":" + id + ",\"name\":\"count at Scripted.java:" + (10 + id)
                + "\",\"status\":\"" + status + "\",\"stageIds\":[" + id + "]},";
    }

    private static String stage(int id, String status, int done) {
        return "{\"stageId\":" + id + ",\"attemptId\":0,\"name\":\"count at Scripted.java:" + (10 + id)
                + "\",\"status\":\"" + status + "\",\"numTasks\":4,\"numCompleteTasks\":" + done
                + ",\"numActiveTasks\":0,\"numFailedTasks\":0}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
