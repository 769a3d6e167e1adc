package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A Kubernetes API on loopback where driver pods come to life: the fabric8 mock server in CRUD mode, a
 * simulated kubelet that runs each driver pod we create through a {@link DriverScript}, and a streaming
 * driver-log endpoint. Clients must come from {@link #client()} or {@link #newClient(Consumer)}: they carry the
 * routing that sends log requests to the streaming endpoint.
 */
public final class KubernetesSandbox implements AutoCloseable {

    /** Held so the level sticks: the mock logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final DriverLogServer logServer;
    private final DriverScripts scripts;
    private final ScheduledExecutorService scheduler;
    private final KubernetesClient client;
    private final SimulatedDrivers drivers;

    private KubernetesSandbox(DriverScripts scripts) throws IOException {
        this.scripts = scripts;
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        logServer = new DriverLogServer();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-kubelet");
            t.setDaemon(true);
            return t;
        });
        client = newClient(b -> {});
        drivers = new SimulatedDrivers(client, scripts, logServer, scheduler);
        drivers.start();
    }

    /** Starts a sandbox whose driver pods play {@link DriverScript#sparkPi()} unless a rule says otherwise. */
    public static KubernetesSandbox start() {
        return start(new DriverScripts());
    }

    public static KubernetesSandbox start(DriverScripts scripts) {
        try {
            return new KubernetesSandbox(scripts);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kubernetes sandbox on loopback", e);
        }
    }

    /** The rules choosing each new driver pod's script; rules may be added at any time. */
    public DriverScripts scripts() {
        return scripts;
    }

    /** The shared client (closed with the sandbox). */
    public KubernetesClient client() {
        return client;
    }

    /** A fresh client, as another process would have; the caller closes it. */
    public KubernetesClient newClient(Consumer<KubernetesClientBuilder> customizer) {
        return newClient(customizer, null);
    }

    /**
     * As {@link #newClient(Consumer)}, with one more HTTP interceptor that sees every request after the log routing
     * (a test's fault injection: an outage, a reset server, dropped connections).
     */
    public KubernetesClient newClient(Consumer<KubernetesClientBuilder> customizer, io.fabric8.kubernetes.client.http.Interceptor extra) {
        LogRouting routing = new LogRouting(logServer.baseUri());
        return server.createClient(b -> {
            b.withHttpClientBuilderConsumer(h -> {
                h.addOrReplaceInterceptor(LogRouting.NAME, routing);
                if (extra != null) {
                    h.addOrReplaceInterceptor("extra", extra);
                }
            });
            customizer.accept(b);
        });
    }

    /** The API server URL ({@code http://127.0.0.1:PORT/}); log streaming needs a sandbox client, see above. */
    public String url() {
        return server.url("/");
    }

    public ClusterCoordinates coordinates() {
        return ClusterCoordinates.server(url());
    }

    /** How many driver pods the simulated kubelet has picked up. */
    public int driversStarted() {
        return drivers.started();
    }

    @Override
    public void close() {
        drivers.close();
        client.close();
        scheduler.shutdownNow();
        logServer.close();
        server.destroy();
    }
}
