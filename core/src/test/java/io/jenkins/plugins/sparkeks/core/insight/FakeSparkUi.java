package io.jenkins.plugins.sparkeks.core.insight;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A driver's monitoring REST API on loopback, answering {@code /api/v1/applications[/ID/jobs|stages|allexecutors]}
 * with JSON shaped as Spark 3.5 / 4.0 writes it ({@code JobData}, {@code StageData}, {@code ExecutorSummary}, dates
 * as {@code 2026-12-04T22:00:00.000GMT}). {@link #exposeThrough} makes the mock API server forward its pod proxy
 * path here, so insight reads it exactly as it reads a real driver through a real API server.
 */
final class FakeSparkUi implements AutoCloseable {

    static final String APP_ID = "spark-0123456789abcdef0123456789abcdef";
    private static final String DATE = "2026-12-04T22:00:00.000GMT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Map<String, Object>> jobs = new ArrayList<>();
    private final List<Map<String, Object>> stages = new ArrayList<>();
    private final List<Map<String, Object>> executors = new ArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    /** While true the driver JVM is still starting: the proxy answers every read with 503, as a real API server does. */
    volatile boolean starting;
    private final boolean spark4;

    FakeSparkUi(boolean spark4) throws IOException {
        this.spark4 = spark4;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        executors.add(executor("driver", true));
    }

    /** Registers, for every REST path insight reads, an expectation that forwards the pod proxy path to this server. */
    void exposeThrough(KubernetesMockServer api, String namespace, String pod, int port) {
        expose(api, "/api/v1/namespaces/" + namespace + "/pods/" + pod + ":" + port + "/proxy");
    }

    /** The same through the services proxy, to the port Spark names spark-ui on the driver Service. */
    void exposeThroughService(KubernetesMockServer api, String namespace, String service) {
        expose(api, "/api/v1/namespaces/" + namespace + "/services/" + service + ":spark-ui/proxy");
    }

    private void expose(KubernetesMockServer api, String proxy) {
        for (String path : List.of("/api/v1/applications", "/api/v1/applications/" + APP_ID + "/jobs",
                "/api/v1/applications/" + APP_ID + "/stages", "/api/v1/applications/" + APP_ID + "/allexecutors")) {
            api.expect().get().withPath(proxy + path).andReply(new ResponseProvider<Object>() {
                private Headers headers = Headers.builder().build();

                @Override
                public Object getBody(RecordedRequest request) {
                    return forward(path);
                }

                @Override
                public int getStatusCode(RecordedRequest request) {
                    // the API server's proxy answers 503 while nothing listens on the driver's UI port yet
                    return starting ? 503 : 200;
                }

                @Override
                public Headers getHeaders() {
                    return headers;
                }

                @Override
                public void setHeaders(Headers h) {
                    headers = h;
                }
            }).always();
        }
    }

    private String forward(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.getAddress().getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void job(int id, String status, String callSite, String description, int[] stageIds, int tasks, int done,
            int failedTasks) {
        jobs.removeIf(j -> j.get("jobId").equals(id));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("jobId", id);
        j.put("name", callSite);
        if (description != null) {
            j.put("description", description);
        }
        j.put("submissionTime", DATE);
        if (!"RUNNING".equals(status)) {
            j.put("completionTime", DATE);
        }
        List<Integer> ids = new ArrayList<>();
        for (int s : stageIds) {
            ids.add(s);
        }
        j.put("stageIds", ids);
        if (spark4) {
            j.put("jobTags", List.of());
        }
        j.put("status", status);
        j.put("numTasks", tasks);
        j.put("numActiveTasks", "RUNNING".equals(status) ? tasks - done : 0);
        j.put("numCompletedTasks", done);
        j.put("numSkippedTasks", 0);
        j.put("numFailedTasks", failedTasks);
        j.put("numKilledTasks", 0);
        j.put("numCompletedIndices", done);
        j.put("numActiveStages", "RUNNING".equals(status) ? 1 : 0);
        j.put("numCompletedStages", 0);
        j.put("numSkippedStages", 0);
        j.put("numFailedStages", "FAILED".equals(status) ? 1 : 0);
        j.put("killedTasksSummary", Map.of());
        jobs.add(0, j); // Spark lists the newest job first
    }

    synchronized void stage(int id, int attempt, String status, String name, int tasks, int done, int failed, String failureReason) {
        stages.removeIf(s -> s.get("stageId").equals(id) && s.get("attemptId").equals(attempt));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", status);
        s.put("stageId", id);
        s.put("attemptId", attempt);
        s.put("numTasks", tasks);
        s.put("numActiveTasks", "ACTIVE".equals(status) ? tasks - done : 0);
        s.put("numCompleteTasks", done);
        s.put("numFailedTasks", failed);
        s.put("numKilledTasks", 0);
        s.put("numCompletedIndices", done);
        s.put("submissionTime", DATE);
        s.put("firstTaskLaunchedTime", DATE);
        s.put("executorDeserializeTime", 12);
        s.put("executorRunTime", 340);
        s.put("inputBytes", 0);
        s.put("shuffleReadBytes", 0);
        s.put("shuffleWriteBytes", 0);
        s.put("name", name);
        s.put("details", "org.apache.spark.rdd.RDD.count(RDD.scala:1296)\n" + name);
        s.put("schedulingPool", "default");
        s.put("rddIds", List.of(id));
        s.put("accumulatorUpdates", List.of());
        s.put("killedTasksSummary", Map.of());
        s.put("resourceProfileId", 0);
        s.put("isShufflePushEnabled", false);
        s.put("shuffleMergersCount", 0);
        if (failureReason != null) {
            s.put("failureReason", failureReason);
        }
        stages.add(0, s);
    }

    synchronized void executor(String id, boolean active, boolean add) {
        executors.removeIf(e -> e.get("id").equals(id));
        if (add) {
            executors.add(executor(id, active));
        }
    }

    private static Map<String, Object> executor(String id, boolean active) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("hostPort", "10.0.0.7:7079");
        e.put("isActive", active);
        e.put("rddBlocks", 0);
        e.put("memoryUsed", 0);
        e.put("diskUsed", 0);
        e.put("totalCores", 2);
        e.put("maxTasks", 2);
        e.put("activeTasks", 0);
        e.put("failedTasks", 0);
        e.put("completedTasks", 4);
        e.put("totalTasks", 4);
        e.put("totalDuration", 1200);
        e.put("totalGCTime", 10);
        e.put("isBlacklisted", false);
        e.put("maxMemory", 455501414);
        e.put("addTime", DATE);
        if (!active) {
            e.put("removeTime", DATE);
            e.put("removeReason", "The executor with id " + id + " was deleted by a user or the framework.");
        }
        e.put("executorLogs", Map.of());
        e.put("blacklistedInStages", List.of());
        e.put("attributes", Map.of());
        e.put("resources", Map.of());
        e.put("resourceProfileId", 0);
        e.put("isExcluded", false);
        e.put("excludedInStages", List.of());
        return e;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        Object body;
        synchronized (this) {
            if (path.equals("/api/v1/applications")) {
                body = List.of(Map.of("id", APP_ID, "name", "spark-pi", "attempts", List.of(Map.of("startTime", DATE,
                        "endTime", "1969-12-31T23:59:59.999GMT", "lastUpdated", DATE, "duration", 0, "sparkUser", "spark",
                        "completed", false, "appSparkVersion", spark4 ? "4.0.1" : "3.5.6"))));
            } else if (path.endsWith("/jobs")) {
                body = new ArrayList<>(jobs);
            } else if (path.endsWith("/stages")) {
                body = new ArrayList<>(stages);
            } else if (path.endsWith("/allexecutors")) {
                body = new ArrayList<>(executors);
            } else {
                body = null;
            }
        }
        byte[] bytes = (body == null ? "{\"message\":\"not found\"}" : JSON.writeValueAsString(body))
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
