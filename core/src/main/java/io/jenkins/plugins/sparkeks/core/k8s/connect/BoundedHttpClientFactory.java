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
 * for fabric8's own task executor (informer and watch event dispatch, a submission's concurrent requests),
 * {@value #TASK_THREADS} at most. With fabric8's single scheduler thread that is at most
 * {@value #WAITING_THREADS} threads per connection however many jobs wait. Callbacks only hand data on (our
 * informer handlers and log sinks never block), so a few threads keep up with any burst on a controller's few
 * cores; work beyond them waits in the queue.
 */
public final class BoundedHttpClientFactory extends JdkHttpClientFactory {

    /** HTTP callback threads per connection. */
    public static final int MAX_THREADS = 4;
    /** fabric8 task threads per connection. */
    public static final int TASK_THREADS = 3;
    /** What one connection may hold while jobs wait: both pools and fabric8's scheduler thread. */
    public static final int WAITING_THREADS = MAX_THREADS + TASK_THREADS + 1;

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
                return BoundedPools.create("k8s-tasks", TASK_THREADS);
            }

            @Override
            public void onClose(Executor executor) {
                ((ExecutorService) executor).shutdownNow();
            }
        };
    }

    /**
     * For {@link KubernetesClientBuilder#withTaskExecutorSupplier}: one connection's task pool shared by its clients;
     * only the {@code owner} (the connection's main client) shuts it when closed.
     */
    static KubernetesClientBuilder.ExecutorSupplier sharedTasks(ExecutorService tasks, boolean owner) {
        return new KubernetesClientBuilder.ExecutorSupplier() {
            @Override
            public Executor get() {
                return tasks;
            }

            @Override
            public void onClose(Executor executor) {
                if (owner) {
                    tasks.shutdownNow();
                }
            }
        };
    }
}
