package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.jenkins.plugins.sparkeks.core.k8s.connect.BoundedHttpClientFactory;
import io.jenkins.plugins.sparkeks.core.k8s.connect.LogStreamClients;
import java.util.function.Supplier;
import java.net.URI;

/**
 * The engine's Kubernetes client, built as {@code ClusterConnector} builds it (fabric8 on the JDK HTTP client,
 * the same HTTP client factory), plus the bench's request counter and the sandbox's log routing.
 */
final class EngineClients {

    private EngineClients() {}

    static KubernetesClient engine(ServerProcess servers, RequestCounter counter) {
        BoundedHttpClientFactory factory = new BoundedHttpClientFactory();
        Supplier<KubernetesClient> client = () -> build(servers, counter, factory)
                .withTaskExecutorSupplier(BoundedHttpClientFactory.taskExecutors()).build();
        KubernetesClient main = client.get();
        // followed logs on clients of their own, as a ClusterConnector's connection carries them
        LogStreamClients.register(main, new LogStreamClients(client, LogStreamClients.STREAMS_PER_CLIENT,
                System::currentTimeMillis));
        return main;
    }

    /** The engine's client whose pod-proxy requests reach the servers' {@link SparkUiStub} (Spark insight). */
    static KubernetesClient withSparkUi(ServerProcess servers, RequestCounter counter) {
        SandboxLogRouting logs = new SandboxLogRouting(URI.create(servers.info("k8s.logUrl")));
        SparkUiRouting ui = new SparkUiRouting(URI.create(servers.info("spark.uiUrl")));
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(servers.info("k8s.url")).withNamespace("default")
                .withTrustCerts(true).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .withHttpClientBuilderConsumer(h -> {
                    h.addOrReplaceInterceptor(SandboxLogRouting.NAME, logs);
                    h.addOrReplaceInterceptor(SparkUiRouting.NAME, ui);
                    h.addOrReplaceInterceptor(RequestCounter.NAME, counter);
                }).build();
    }

    /** fabric8 as an application would use it without us: default factory, default executor. */
    static KubernetesClient plain(ServerProcess servers, RequestCounter counter) {
        return build(servers, counter, new JdkHttpClientFactory()).build();
    }

    private static KubernetesClientBuilder build(ServerProcess servers, RequestCounter counter,
            JdkHttpClientFactory factory) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(servers.info("k8s.url")).withNamespace("default")
                .withTrustCerts(true).build();
        SandboxLogRouting routing = new SandboxLogRouting(URI.create(servers.info("k8s.logUrl")));
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(factory)
                .withHttpClientBuilderConsumer(h -> {
                    h.addOrReplaceInterceptor(SandboxLogRouting.NAME, routing);
                    h.addOrReplaceInterceptor(RequestCounter.NAME, counter);
                });
    }

    static int apiPort(ServerProcess servers) {
        return URI.create(servers.info("k8s.url")).getPort();
    }

    static int logPort(ServerProcess servers) {
        return URI.create(servers.info("k8s.logUrl")).getPort();
    }
}
