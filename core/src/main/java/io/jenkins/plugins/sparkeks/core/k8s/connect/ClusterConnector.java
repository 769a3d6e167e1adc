package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.TokenRefreshInterceptor;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way into a cluster: {@link #connect(ClusterAccess)} checks the access, resolves it (EKS DescribeCluster
 * for EKS), and returns a fabric8 client on the JDK HTTP client. Equal accesses share one connection, so many builds
 * against one cluster share one client, one connection pool and one token.
 *
 * <p>A connection that has neither been handed out nor sent a request (watch reconnects included) for
 * {@link #DEFAULT_IDLE_TIMEOUT} is closed and dropped. Accesses carry their credentials, so after a key or kubeconfig
 * rotation the old connection falls idle and is closed rather than kept for the life of the controller. API servers
 * end every watch well within the timeout (kube-apiserver's request timeout is at most an hour), so a connection
 * still watching for a running job keeps reconnecting and is never idle that long.
 */
public final class ClusterConnector implements AutoCloseable {

    /** How long a connection may go unused before it is closed. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(2);

    private static final String USE_RECORDER = "spark-on-eks-use";

    private final AccessResolver resolver;
    private final Clock clock;
    private final long idleMillis;
    private final AtomicLong nextSweep = new AtomicLong();
    private final ConcurrentMap<ClusterAccess, Slot> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A connector using {@code aws} for EKS calls and credentials (the caller closes {@code aws} after this), reaching
     * API servers through the proxy in {@code HTTPS_PROXY}/{@code NO_PROXY} if set, as kubectl does.
     */
    public ClusterConnector(AwsClientFactory aws) {
        this(aws, HttpProxy.fromEnvironment(System.getenv()).orElse(null));
    }

    /** A connector reaching API servers through {@code proxy}, or directly when it is null. */
    public ClusterConnector(AwsClientFactory aws, HttpProxy proxy) {
        this(aws, new EksTokenGenerator(), InClusterEnvironment::fromSystem, proxy);
    }

    /** A connector with every seam given: tests use a fixed clock and a fake pod environment. */
    public ClusterConnector(AwsClientFactory aws, EksTokenGenerator tokenGenerator,
                            Supplier<InClusterEnvironment> inCluster, HttpProxy proxy) {
        this(aws, tokenGenerator, inCluster, proxy, DEFAULT_IDLE_TIMEOUT);
    }

    /** As above, closing connections unused for {@code idleTimeout} on the token generator's clock. */
    public ClusterConnector(AwsClientFactory aws, EksTokenGenerator tokenGenerator,
                            Supplier<InClusterEnvironment> inCluster, HttpProxy proxy, Duration idleTimeout) {
        this.resolver = new AccessResolver(Objects.requireNonNull(aws, "aws"),
                Objects.requireNonNull(tokenGenerator, "tokenGenerator"), Objects.requireNonNull(inCluster, "inCluster"),
                proxy);
        this.clock = tokenGenerator.clock();
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        this.idleMillis = idleTimeout.toMillis();
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
        sweepIfDue();
        long now = clock.millis();
        Slot mine = new Slot(now);
        Slot existing = connections.compute(access, (k, slot) -> {
            Slot s = slot == null ? mine : slot;
            s.usedAt(now);
            return s;
        });
        if (existing != mine) {
            return await(existing.connection);
        }
        try {
            ClusterConnection connection = open(access, mine);
            mine.connection.complete(connection);
            if (closed) {
                // close() ran while this connection was being opened and could not see it
                closeClient(connection.client());
                ensureOpen();
            }
            return connection;
        } catch (RuntimeException e) {
            // a failed attempt is not cached: the next build tries again (the cluster may have become ACTIVE)
            connections.remove(access, mine);
            mine.connection.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Connects and asks the API server whether this identity may create pods in {@code namespace}: one cheap call
     * that proves the endpoint, the certificate trust, the credentials and the main RBAC permission a Spark driver
     * needs. For a "test connection" button or a CLI check.
     *
     * @return a one-line description such as {@code Connected to eks:us-east-1/prod; may create pods in 'spark'}
     * @throws io.jenkins.plugins.sparkeks.core.job.JobException explaining a refused credential, a missing permission
     *         or an unreachable server
     */
    public String verify(ClusterAccess access, String namespace) {
        ClusterConnection connection = connect(access);
        String where = connection.coordinates().describe();
        SelfSubjectAccessReview question = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withNewResourceAttributes().withNamespace(namespace).withVerb("create").withResource("pods")
                .endResourceAttributes().endSpec().build();
        SelfSubjectAccessReview answer;
        try {
            answer = connection.client().authorization().v1().selfSubjectAccessReview().create(question);
        } catch (KubernetesClientException e) {
            throw new JobException(ConnectionFailures.explain(e, access, where), e);
        }
        SubjectAccessReviewStatus status = answer.getStatus();
        if (status == null || !Boolean.TRUE.equals(status.getAllowed())) {
            String reason = status == null || status.getReason() == null || status.getReason().isBlank()
                    ? "" : " (" + status.getReason() + ")";
            throw new JobException("Connected to " + where + ", but this identity may not create pods in namespace '"
                    + namespace + "'" + reason + ". Grant it a Role allowing pods, services and configmaps there.");
        }
        return "Connected to " + where + "; may create pods in namespace '" + namespace + "'";
    }

    private ClusterConnection open(ClusterAccess access, Slot slot) {
        ResolvedAccess resolved = resolver.resolve(access);
        // one bounded callback pool and one task pool per cluster connection, shared by every job on that cluster
        // and by the connection's log stream clients, so extra clients add connections but no pooled threads
        BoundedHttpClientFactory httpFactory = new BoundedHttpClientFactory();
        ExecutorService tasks = BoundedPools.create("k8s-tasks", BoundedHttpClientFactory.TASK_THREADS);
        Interceptor useRecorder = new Interceptor() {
            @Override
            public void before(BasicBuilder request, HttpRequest original, RequestTags tags) {
                slot.usedAt(clock.millis());
            }
        };
        BearerTokenInterceptor tokens = resolved.tokens() == null ? null : new BearerTokenInterceptor(resolved.tokens());
        Function<Boolean, KubernetesClient> build = owner -> new KubernetesClientBuilder()
                .withConfig(resolved.config())
                .withHttpClientFactory(httpFactory)
                .withTaskExecutorSupplier(BoundedHttpClientFactory.sharedTasks(tasks, owner))
                .withHttpClientBuilderConsumer(http -> {
                    // identical on every client of the connection: the same token source and use recorder
                    http.addOrReplaceInterceptor(USE_RECORDER, useRecorder);
                    if (tokens != null) {
                        http.addOrReplaceInterceptor(TokenRefreshInterceptor.NAME, tokens);
                    }
                })
                .build();
        KubernetesClient client = build.apply(true);
        LogStreamClients.register(client, new LogStreamClients(() -> build.apply(false),
                LogStreamClients.STREAMS_PER_CLIENT, clock::millis));
        return new ClusterConnection(client, resolved.coordinates(), resolved.config().getNamespace());
    }

    /** Closes a connection's main client and its log stream clients. */
    private static void closeClient(KubernetesClient client) {
        LogStreamClients.unregister(client);
        client.close();
    }

    /** Closes connections idle longer than the timeout; at most every quarter of the timeout, on the caller. */
    private void sweepIfDue() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + Math.max(1, idleMillis / 4))) {
            return;
        }
        List<KubernetesClient> evicted = new ArrayList<>();
        for (ClusterAccess access : List.copyOf(connections.keySet())) {
            // decided inside compute, so a concurrent connect() to the same access either wins or sees it gone
            connections.computeIfPresent(access, (k, slot) -> {
                if (!slot.connection.isDone() || now - slot.lastUsed <= idleMillis) {
                    return slot;
                }
                if (!slot.connection.isCompletedExceptionally()) {
                    evicted.add(slot.connection.join().client());
                }
                return null;
            });
        }
        evicted.forEach(ClusterConnector::closeClient);
    }

    /** How many connections are open right now; for tests and diagnostics. */
    public int openConnections() {
        return connections.size();
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
        List<CompletableFuture<ClusterConnection>> opened = new ArrayList<>();
        connections.values().forEach(slot -> opened.add(slot.connection));
        connections.clear();
        for (CompletableFuture<ClusterConnection> connection : opened) {
            if (connection.isDone() && !connection.isCompletedExceptionally()) {
                closeClient(connection.join().client());
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ClusterConnector is closed");
        }
    }

    /** One access's connection, opened once, and when it was last handed out or sent a request. */
    private static final class Slot {
        final CompletableFuture<ClusterConnection> connection = new CompletableFuture<>();
        volatile long lastUsed;

        Slot(long now) {
            lastUsed = now;
        }

        void usedAt(long now) {
            lastUsed = Math.max(lastUsed, now);
        }
    }
}
