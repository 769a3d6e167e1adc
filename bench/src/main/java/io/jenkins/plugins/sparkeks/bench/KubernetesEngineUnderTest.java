package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.k8s.connect.LogStreamClients;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.KubernetesBackend;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The Kubernetes backend with its shared informers and scheduler, wired as the CLI wires it. */
final class KubernetesEngineUnderTest implements AutoCloseable {

    static final String IMAGE = "example.invalid/spark:3.5.6";

    final RequestCounter counter;
    final KubernetesClient client;
    final ClusterCoordinates cluster;
    final KubernetesBackend backend;
    private final ScheduledThreadPoolExecutor scheduler;
    private final DriverInformerRegistry informers;

    KubernetesEngineUnderTest(ServerProcess servers) {
        this(servers, new RequestCounter());
    }

    private KubernetesEngineUnderTest(ServerProcess servers, RequestCounter counter) {
        this(servers, counter, EngineClients.engine(servers, counter));
    }

    /**
     * On a client the caller built (e.g. with extra routing), counting into {@code counter}; closing this engine
     * closes the client.
     */
    KubernetesEngineUnderTest(ServerProcess servers, RequestCounter counter, KubernetesClient client) {
        this.counter = counter;
        this.client = client;
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("spark-on-eks-k8s");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        informers = new DriverInformerRegistry(scheduler);
        cluster = ClusterCoordinates.server(servers.info("k8s.url"));
        backend = new KubernetesBackend(client, cluster, informers, scheduler);
    }

    /** The engine's one scheduler, for machinery that must share it (insight reads). */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    static SparkSubmitRequest request(String appName, String namespace) {
        return SparkSubmitRequest.builder(appName).namespace(namespace).image(IMAGE)
                .mainClass("org.apache.spark.examples.SparkPi")
                .primaryResource("local:///opt/spark/examples/jars/spark-examples.jar").appArgs("100").build();
    }

    @Override
    public void close() {
        informers.close();
        scheduler.shutdownNow();
        LogStreamClients.unregister(client);
        client.close();
    }
}
