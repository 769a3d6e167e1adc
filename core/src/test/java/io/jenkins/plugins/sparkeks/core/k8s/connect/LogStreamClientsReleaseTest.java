package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The connections of log stream clients go once no stream needs them, however long the JDK's keep-alive: counted as
 * this process's established sockets to the server in {@code /proc}, not assumed after a sleep.
 */
@EnabledOnOs(OS.LINUX)
class LogStreamClientsReleaseTest {

    private static final int STREAMS = 4;

    private final ExecutorService serverThreads = Executors.newFixedThreadPool(STREAMS + 2);
    private final ExecutorService tasks = BoundedPools.create("k8s-tasks", BoundedHttpClientFactory.TASK_THREADS);
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
        tasks.shutdownNow();
    }

    @Test
    void anIdleMembersPooledConnectionsCloseOnceNoStreamNeedsThem() throws Exception {
        // every stream is held open until all have arrived, so each takes a connection of its own (HTTP/1.1)
        CountDownLatch allArrived = new CountDownLatch(STREAMS);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/version", exchange -> reply(exchange, "{}"));
        server.createContext("/log", exchange -> {
            allArrived.countDown();
            try {
                allArrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, "2026-01-01T00:00:00Z line\n");
        });
        server.start();
        int port = server.getAddress().getPort();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port).build();
        BoundedHttpClientFactory factory = new BoundedHttpClientFactory();
        LogStreamClients pool = new LogStreamClients(() -> new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(factory).withTaskExecutorSupplier(BoundedHttpClientFactory.sharedTasks(tasks, false))
                .build(), 2, System::currentTimeMillis);

        streamAll(pool, port);
        assertThat(pool.clients()).isEqualTo(2);
        assertThat(clientSockets(port)).as("pooled connections after the streams ended").isGreaterThanOrEqualTo(STREAMS);

        // the JDK closes a dropped client's connections once a collection has found it unreachable; poll for that
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int open = clientSockets(port);
        while (open > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
            open = clientSockets(port);
        }
        assertThat(open).as("connections left to the log server").isZero();
        assertThat(pool.clients()).isZero();
    }

    /** Sends {@link #STREAMS} log requests through leases, waits for their ends and gives every lease back. */
    private static void streamAll(LogStreamClients pool, int port) throws Exception {
        List<CompletableFuture<?>> ends = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            LogStreamClients.Lease lease = pool.lease();
            ends.add(lease.ready().thenCompose(v -> {
                HttpClient http = lease.client().getHttpClient();
                return http.sendAsync(http.newHttpRequestBuilder().uri("http://127.0.0.1:" + port + "/log").build(),
                        String.class);
            }).whenComplete((response, failure) -> lease.close()));
        }
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Established connections of this process whose remote port is {@code port}: the client's ends only. */
    static int clientSockets(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            });
        }
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !f[3].equals("01")) {
                    continue;
                }
                String remote = f[2];
                if (Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16) == port && inodes.contains(f[9])) {
                    count++;
                }
            }
        }
        return count;
    }
}
