package io.jenkins.plugins.sparkeks.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every bench driver's Spark UI, in the servers' JVM: Spark's monitoring REST API with one application whose one
 * job advances a task every 200 ms (so progress changes as a real job's does), in the JSON shapes of Spark 3.5.
 * The engine reaches it through {@link SparkUiRouting}, in place of the API server's pod proxy.
 */
final class SparkUiStub implements AutoCloseable {

    static final String APP_ID = "spark-bench0000000000000000000000000";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final long start = System.currentTimeMillis();

    SparkUiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        int done = (int) ((System.currentTimeMillis() - start) / 200 % 1000);
        String body;
        if (path.equals("/api/v1/applications")) {
            body = "[{\"id\":\"" + APP_ID + "\",\"name\":\"bench\",\"attempts\":[{\"startTime\":\"2026-12-04T22:00:00.000GMT\","
                    + "\"lastUpdated\":\"2026-12-04T22:00:00.000GMT\",\"duration\":0,\"sparkUser\":\"spark\","
                    + "\"completed\":false,\"appSparkVersion\":\"3.5.6\"}]}]";
        } else if (path.endsWith("/jobs")) {
            body = "[{\"jobId\":0,\"name\":\"reduce at SparkPi.scala:38\",\"submissionTime\":\"2026-12-04T22:00:00.000GMT\","
                    + "\"stageIds\":[0],\"status\":\"RUNNING\",\"numTasks\":1000,\"numActiveTasks\":2,"
                    + "\"numCompletedTasks\":" + done + ",\"numSkippedTasks\":0,\"numFailedTasks\":0,\"numKilledTasks\":0,"
                    + "\"numCompletedIndices\":" + done + ",\"numActiveStages\":1,\"numCompletedStages\":0,"
                    + "\"numSkippedStages\":0,\"numFailedStages\":0,\"killedTasksSummary\":{}}]";
        } else if (path.endsWith("/stages")) {
            body = "[{\"status\":\"ACTIVE\",\"stageId\":0,\"attemptId\":0,\"numTasks\":1000,\"numActiveTasks\":2,"
                    + "\"numCompleteTasks\":" + done + ",\"numFailedTasks\":0,\"numKilledTasks\":0,"
                    + "\"numCompletedIndices\":" + done + ",\"submissionTime\":\"2026-12-04T22:00:00.000GMT\","
                    + "\"name\":\"reduce at SparkPi.scala:38\",\"schedulingPool\":\"default\",\"rddIds\":[1,0],"
                    + "\"accumulatorUpdates\":[],\"killedTasksSummary\":{},\"resourceProfileId\":0}]";
        } else if (path.endsWith("/allexecutors")) {
            body = "[{\"id\":\"driver\",\"hostPort\":\"10.0.0.1:7078\",\"isActive\":true,\"totalCores\":0},"
                    + "{\"id\":\"1\",\"hostPort\":\"10.0.0.2:7079\",\"isActive\":true,\"totalCores\":2},"
                    + "{\"id\":\"2\",\"hostPort\":\"10.0.0.3:7079\",\"isActive\":true,\"totalCores\":2}]";
        } else {
            body = null;
        }
        byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
