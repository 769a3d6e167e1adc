package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The one way into a cluster: {@link #connect(ClusterAccess)} checks the access, resolves it (EKS DescribeCluster
 * for EKS), and returns a fabric8 client on the JDK HTTP client. Equal accesses share one connection, so many builds
 * against one cluster share one client, one connection pool and one token. Connections live until {@link #close()}.
 */
public final class ClusterConnector implements AutoCloseable {

    private final AccessResolver resolver;
    private final JdkHttpClientFactory httpClientFactory = new JdkHttpClientFactory();
    private final ConcurrentMap<ClusterAccess, CompletableFuture<ClusterConnection>> connections =
            new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A connector using {@code aws} for EKS calls and credentials; the caller closes {@code aws} after this. */
    public ClusterConnector(AwsClientFactory aws) {
        this(aws, new EksTokenGenerator(), InClusterEnvironment::fromSystem);
    }

    public ClusterConnector(AwsClientFactory aws, EksTokenGenerator tokenGenerator,
                            Supplier<InClusterEnvironment> inCluster) {
        this.resolver = new AccessResolver(Objects.requireNonNull(aws, "aws"),
                Objects.requireNonNull(tokenGenerator, "tokenGenerator"), Objects.requireNonNull(inCluster, "inCluster"));
    }

    /**
     * The shared connection for {@code access}, opened on first use.
     *
     * @throws io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException when the access is unusable as given
     *         (unknown kubeconfig context, not running in a pod), before any network call
     * @throws io.jenkins.plugins.sparkeks.core.job.JobException when EKS cannot describe the cluster or it is not ACTIVE
     */
    public ClusterConnection connect(ClusterAccess access) {
        Objects.requireNonNull(access, "access");
        ensureOpen();
        CompletableFuture<ClusterConnection> mine = new CompletableFuture<>();
        CompletableFuture<ClusterConnection> existing = connections.putIfAbsent(access, mine);
        if (existing != null) {
            return await(existing);
        }
        try {
            ClusterConnection connection = open(access);
            mine.complete(connection);
            if (closed) {
                // close() ran while this connection was being opened and could not see it
                connection.client().close();
                ensureOpen();
            }
            return connection;
        } catch (RuntimeException e) {
            // a failed attempt is not cached: the next build tries again (the cluster may have become ACTIVE)
            connections.remove(access, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private ClusterConnection open(ClusterAccess access) {
        ResolvedAccess resolved = resolver.resolve(access);
        KubernetesClientBuilder builder = new KubernetesClientBuilder()
                .withConfig(resolved.config())
                .withHttpClientFactory(httpClientFactory);
        if (resolved.tokens() != null) {
            BearerTokenInterceptor interceptor = new BearerTokenInterceptor(resolved.tokens());
            builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(TokenRefreshInterceptor.NAME,
                    interceptor));
        }
        KubernetesClient client = builder.build();
        return new ClusterConnection(client, resolved.coordinates(), resolved.config().getNamespace());
    }

    private static ClusterConnection await(CompletableFuture<ClusterConnection> pending) {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Closes every client opened here. Jobs still using them fail; call it when the owner shuts down. */
    @Override
    public void close() {
        closed = true;
        List<CompletableFuture<ClusterConnection>> opened = new ArrayList<>(connections.values());
        connections.clear();
        for (CompletableFuture<ClusterConnection> connection : opened) {
            if (connection.isDone() && !connection.isCompletedExceptionally()) {
                connection.join().client().close();
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ClusterConnector is closed");
        }
    }
}
