package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * fabric8 on the JDK HTTP client with bounded pools (see {@link BoundedPools}): one factory per cluster connection,
 * so every job on that cluster shares its {@value #MAX_THREADS} HTTP callback threads, and {@link #taskExecutors()}
 * for fabric8's own task executor (informer and watch event dispatch), also {@value #MAX_THREADS} at most.
 * Callbacks only hand data on (our informer handlers and log sinks never block), so a few threads keep up with any
 * burst; work beyond them waits in the queue.
 */
public final class BoundedHttpClientFactory extends JdkHttpClientFactory {

    public static final int MAX_THREADS = 8;

    private final ThreadPoolExecutor callbacks = BoundedPools.create("http", MAX_THREADS);

    @Override
    protected void additionalConfig(HttpClient.Builder builder) {
        builder.executor(callbacks);
    }

    /** Threads alive in the HTTP callback pool right now; for tests and diagnostics. */
    int poolThreads() {
        return callbacks.getPoolSize();
    }

    /** For {@link KubernetesClientBuilder#withTaskExecutorSupplier}: a bounded pool per client, shut with it. */
    public static KubernetesClientBuilder.ExecutorSupplier taskExecutors() {
        return new KubernetesClientBuilder.ExecutorSupplier() {
            @Override
            public Executor get() {
                return BoundedPools.create("k8s-tasks", MAX_THREADS);
            }

            @Override
            public void onClose(Executor executor) {
                ((ExecutorService) executor).shutdownNow();
            }
        };
    }
}
