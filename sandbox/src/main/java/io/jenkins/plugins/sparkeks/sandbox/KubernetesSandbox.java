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
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * A Kubernetes API on loopback where driver pods come to life: the fabric8 mock server in CRUD mode, a simulated
 * kubelet that runs each driver pod we create through a {@link DriverScript} or, in real mode, runs its Spark
 * application in a child JVM, and a streaming driver-log endpoint that also serves the pod and service proxy
 * paths. Clients must come from {@link #client()} or {@link #newClient(Consumer)}: they carry the routing that
 * sends log and proxy requests to that endpoint.
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
    private final DriverEndpoints endpoints = new DriverEndpoints();
    /** Reads pods and Services for the proxy paths. */
    private final KubernetesClient lookups;
    private EmrDriverPods emrDrivers;
    private AwsEmulator hostedFor;

    private KubernetesSandbox(DriverScripts scripts) throws IOException {
        this.scripts = scripts;
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new ServerSideApply(new KubernetesMixedDispatcher(responses)), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        lookups = server.createClient();
        logServer = new DriverLogServer(new DriverProxy(lookups, endpoints));
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-kubelet");
            t.setDaemon(true);
            return t;
        });
        client = newClient(b -> {});
        drivers = new SimulatedDrivers(client, scripts, logServer, scheduler, endpoints);
        drivers.start();
    }

    /**
     * Starts a sandbox whose driver pods run their Spark application for real on {@code runtime}: a child JVM
     * running spark-submit in client mode in Spark local mode (two task threads), the pod's arguments and its
     * {@code spark.properties}; the container log is Spark's output, the exit code the process's, and the driver's
     * UI answers on the pod's and the driver Service's proxy paths (to the sandbox's clients, as the log does).
     * Script rules added later still win.
     */
    public static KubernetesSandbox startWithRealSpark(SparkRuntime runtime) {
        return start(new DriverScripts().realSpark(runtime));
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

    /** The API server URL ({@code http://127.0.0.1:PORT/}); log streaming and proxy paths need a sandbox client. */
    public String url() {
        return server.url("/");
    }

    /**
     * The streaming driver-log endpoint, for a client in another JVM: it must send {@code .../pods/NAME/log}
     * requests there (same path and query) and everything else to {@link #url()}.
     */
    public java.net.URI logUrl() {
        return logServer.baseUri();
    }

    public ClusterCoordinates coordinates() {
        return ClusterCoordinates.server(url());
    }

    /** The JVM of the real driver in {@code namespace/pod} while it runs; empty for scripted or ended drivers. */
    public Optional<ProcessHandle> driverProcess(String namespace, String pod) {
        return drivers.process(namespace, pod);
    }

    /**
     * Makes this sandbox the EKS cluster {@code eksClusterName} of {@code aws}: from now on, every spark-submit job
     * run the emulator accepts on a virtual cluster of that EKS cluster gets the driver pod EMR on EKS would create
     * in the virtual cluster's namespace ({@code spark-<jobRunId>-driver}, EMR's and Spark's labels), played as any
     * driver pod here (a matching {@link DriverScripts} rule, else real Spark or the default script), and the job
     * run's state follows that pod: SUBMITTED until it runs, RUNNING, then COMPLETED for exit code 0, else FAILED;
     * deleting the pod fails the run, cancelling the run deletes the pod. Runs on other EKS clusters follow their
     * scripts. The pods stay after they end, as the sandbox's other driver pods do.
     */
    public synchronized KubernetesSandbox hostEmrDrivers(AwsEmulator aws, String eksClusterName) {
        if (emrDrivers == null) {
            emrDrivers = new EmrDriverPods(client, launch -> eksClusterName.equals(launch.eksClusterName()), scheduler);
        }
        aws.driverHost(emrDrivers);
        hostedFor = aws;
        return this;
    }

    /** Where the proxy paths of driver pods lead (tests put a stand-in UI behind a scripted pod). */
    DriverEndpoints endpoints() {
        return endpoints;
    }

    /** How many driver pods the simulated kubelet has picked up. */
    public int driversStarted() {
        return drivers.started();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (emrDrivers != null) {
                hostedFor.driverHost(null);
                emrDrivers.close();
            }
        }
        drivers.close();
        client.close();
        lookups.close();
        scheduler.shutdownNow();
        logServer.close();
        server.destroy();
    }
}
