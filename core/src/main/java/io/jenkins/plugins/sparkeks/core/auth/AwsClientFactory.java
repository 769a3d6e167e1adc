package io.jenkins.plugins.sparkeks.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds AWS SDK clients from {@link AwsSettings} and keeps one of each per distinct settings, so every build talking
 * to the same account and region shares one thread-safe client and one set of cached (assumed-role) credentials.
 *
 * <p>The cache is bounded by use, not by count: a client (and the credentials provider behind it) that has neither been
 * handed out nor signed a request for {@link #DEFAULT_IDLE_TIMEOUT} is closed and dropped. Settings carry the
 * credentials' identity, so after a key rotation the old key's clients stop being used and are closed, instead of
 * living as long as the controller. Every request an SDK client signs resolves its credentials, which is how use is
 * seen without wrapping each client; running jobs poll far more often than the timeout. Closing an SDK client built on
 * a caller-supplied HTTP client and credentials provider releases only what the SDK made for it, so a holder that uses
 * it after all keeps working, and a credentials provider used after its eviction hands over to a fresh cached one.
 *
 * <p>All clients go through one {@link SdkHttpClient}: by default a {@link UrlConnectionHttpClient} owned by this
 * factory; a caller may pass its own, or a supplier whose answer changes (the Jenkins plugin when the controller's
 * proxy changes). Clients are kept per HTTP client, so after a change new clients are made and the old ones fall idle.
 * A factory never closes an HTTP client it did not create. Retries stay in the SDK's standard mode (throttling backoff
 * with jitter), which the EMR poller relies on.
 */
public final class AwsClientFactory implements AutoCloseable {

    /** How long a cached client or credentials provider may go unused before it is closed. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

    private final Supplier<SdkHttpClient> transport;
    private final Consumer<SdkAutoCloseable> closer;
    private final OwnedHttpClient ownedHttpClient;
    private final Clock clock;
    private final long idleMillis;
    private final AtomicLong nextSweep = new AtomicLong();
    private final ConcurrentMap<ClientKey, Cached<SdkAutoCloseable>> clients = new ConcurrentHashMap<>();
    private final ConcurrentMap<CredentialsKey, Cached<EffectiveCredentials>> credentials = new ConcurrentHashMap<>();
    private volatile DefaultCredentialsProvider defaultChain;
    private volatile boolean closed;

    /** A factory with its own {@link UrlConnectionHttpClient}, made on first use and closed with the factory. */
    public AwsClientFactory() {
        this(new OwnedHttpClient());
    }

    /** A factory sharing {@code httpClient}; the caller keeps ownership and closes it after this factory. */
    public AwsClientFactory(SdkHttpClient httpClient) {
        this(constant(Objects.requireNonNull(httpClient, "httpClient")), null, Clock.systemUTC(), DEFAULT_IDLE_TIMEOUT,
                SdkAutoCloseable::close);
    }

    /** Tests pass the owned client's maker to see when it is made. */
    AwsClientFactory(OwnedHttpClient owned) {
        this(owned, owned, Clock.systemUTC(), DEFAULT_IDLE_TIMEOUT, SdkAutoCloseable::close);
    }

    /**
     * A factory asking {@code transport} for the HTTP client each time it makes a client; the supplier keeps returning
     * the same instance until its configuration changes, and the caller closes the instances it made.
     */
    public AwsClientFactory(Supplier<SdkHttpClient> transport, Clock clock, Duration idleTimeout) {
        this(transport, null, clock, idleTimeout, SdkAutoCloseable::close);
    }

    /** Tests pass a {@code closer} that records what an eviction closes. */
    AwsClientFactory(Supplier<SdkHttpClient> transport, Clock clock, Duration idleTimeout,
            Consumer<SdkAutoCloseable> closer) {
        this(transport, null, clock, idleTimeout, closer);
    }

    private AwsClientFactory(Supplier<SdkHttpClient> transport, OwnedHttpClient owned, Clock clock, Duration idleTimeout,
            Consumer<SdkAutoCloseable> closer) {
        this.closer = Objects.requireNonNull(closer, "closer");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.ownedHttpClient = owned;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        this.idleMillis = idleTimeout.toMillis();
    }

    private static Supplier<SdkHttpClient> constant(SdkHttpClient client) {
        return () -> client;
    }

    public EksClient eks(AwsSettings settings) {
        return client(settings, AwsService.EKS, EksClient.class, EksClient::builder);
    }

    public StsClient sts(AwsSettings settings) {
        return client(settings, AwsService.STS, StsClient.class, StsClient::builder);
    }

    public EmrContainersClient emrContainers(AwsSettings settings) {
        return client(settings, AwsService.EMR_CONTAINERS, EmrContainersClient.class, EmrContainersClient::builder);
    }

    public CloudWatchLogsClient logs(AwsSettings settings) {
        return client(settings, AwsService.LOGS, CloudWatchLogsClient.class, CloudWatchLogsClient::builder);
    }

    public S3Client s3(AwsSettings settings) {
        // emulators serve buckets under one host, so virtual-host addressing would not resolve there
        return client(settings, AwsService.S3, S3Client.class,
                () -> S3Client.builder().forcePathStyle(settings.endpointOverride(AwsService.S3).isPresent()));
    }

    /**
     * The credentials calls are actually signed with: the base credentials, or when a role is set, that role
     * assumed through STS (cached and refreshed before expiry; one provider per distinct settings).
     */
    public AwsCredentialsProvider credentials(AwsSettings settings) {
        return credentials(settings, transport.get());
    }

    private AwsCredentialsProvider credentials(AwsSettings settings, SdkHttpClient http) {
        ensureOpen();
        sweepIfDue();
        return lease(credentials, new CredentialsKey(settings, http),
                entry -> effectiveCredentials(settings, http, entry)).provider();
    }

    private EffectiveCredentials effectiveCredentials(AwsSettings settings, SdkHttpClient http, Cached<?> entry) {
        AwsCredentialsProvider base = settings.baseCredentials() != null ? settings.baseCredentials() : defaultChain();
        // whoever still holds this provider after it was closed (an EKS token source, a client) gets a fresh one
        Supplier<AwsCredentialsProvider> replacement = () -> credentials(settings, http);
        if (!settings.assumesRole()) {
            return new EffectiveCredentials(new UseRecording(base, entry, replacement), List.of());
        }
        // this STS client is private to the provider: it signs AssumeRole with the base credentials
        StsClient baseSts = configure(StsClient.builder(), settings, AwsService.STS, base, http).build();
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(baseSts)
                .refreshRequest(r -> {
                    r.roleArn(settings.roleArn()).roleSessionName(settings.roleSessionName());
                    if (settings.externalId() != null) {
                        r.externalId(settings.externalId());
                    }
                })
                .build();
        return new EffectiveCredentials(new UseRecording(assumed, entry, replacement), List.of(assumed, baseSts));
    }

    private DefaultCredentialsProvider defaultChain() {
        DefaultCredentialsProvider chain = defaultChain;
        if (chain == null) {
            synchronized (this) {
                if (defaultChain == null) {
                    defaultChain = DefaultCredentialsProvider.builder().build();
                }
                chain = defaultChain;
            }
        }
        return chain;
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C extends SdkAutoCloseable> C client(
            AwsSettings settings, AwsService service, Class<C> type, Supplier<B> builder) {
        SdkHttpClient http = transport.get();
        AwsCredentialsProvider effective = credentials(settings, http);
        SdkAutoCloseable client = lease(clients, new ClientKey(settings, service, http),
                entry -> configure(builder.get(), settings, service, new UseRecording(effective, entry, null), http)
                        .build());
        return type.cast(client);
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(B builder,
            AwsSettings settings, AwsService service, AwsCredentialsProvider provider, SdkHttpClient http) {
        builder.region(settings.region())
                .credentialsProvider(provider)
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
        settings.endpointOverride(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The cached value for {@code key}, made on first use; handing it out counts as a use. */
    private <K, V> V lease(ConcurrentMap<K, Cached<V>> cache, K key, Function<Cached<V>, V> create) {
        long now = clock.millis();
        Cached<V> cached = cache.compute(key, (k, existing) -> {
            Cached<V> c = existing;
            if (c == null) {
                c = new Cached<>(now);
                c.value = create.apply(c);
            }
            c.usedAt(now);
            return c;
        });
        return cached.value;
    }

    /** Closes what has been idle longer than the timeout; at most every quarter of the timeout, on the caller. */
    private void sweepIfDue() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + Math.max(1, idleMillis / 4))) {
            return;
        }
        List<SdkAutoCloseable> evicted = new ArrayList<>();
        // decided inside compute, so a concurrent hand-out of the same entry either wins or sees it gone
        for (ClientKey key : List.copyOf(clients.keySet())) {
            clients.computeIfPresent(key, (k, c) -> c.idleLongerThan(idleMillis, now)
                    ? dropInto(evicted, c, c.value) : c);
        }
        for (CredentialsKey key : List.copyOf(credentials.keySet())) {
            credentials.computeIfPresent(key, (k, c) -> c.idleLongerThan(idleMillis, now)
                    ? dropInto(evicted, c, c.value.owned().toArray(SdkAutoCloseable[]::new)) : c);
        }
        evicted.forEach(closer);
    }

    private static <V> Cached<V> dropInto(List<SdkAutoCloseable> evicted, Cached<V> entry,
            SdkAutoCloseable... closeables) {
        entry.evicted = true;
        evicted.addAll(List.of(closeables));
        return null;
    }

    /** How many clients are cached right now; for tests and diagnostics. */
    public int cachedClients() {
        return clients.size();
    }

    /** Closes every client and credentials provider made here, and the HTTP client if this factory created it. */
    @Override
    public void close() {
        closed = true;
        List<SdkAutoCloseable> toClose = new ArrayList<>();
        clients.values().forEach(c -> toClose.add(c.value));
        clients.clear();
        credentials.values().forEach(c -> toClose.addAll(c.value.owned()));
        credentials.clear();
        if (defaultChain != null) {
            toClose.add(defaultChain);
        }
        toClose.forEach(SdkAutoCloseable::close);
        if (ownedHttpClient != null) {
            ownedHttpClient.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("AwsClientFactory is closed");
        }
    }

    /** A cache entry and when it was last used; written on every signed request, so kept to one volatile field. */
    private static final class Cached<V> {
        private volatile long lastUsed;
        private volatile boolean evicted;
        private V value;

        Cached(long now) {
            this.lastUsed = now;
        }

        void usedAt(long now) {
            lastUsed = Math.max(lastUsed, now);
        }

        boolean idleLongerThan(long idleMillis, long now) {
            return now - lastUsed > idleMillis;
        }
    }

    /**
     * Records each resolution as a use of its cache entry: the SDK resolves credentials for every request it signs.
     * Once the entry was evicted (its STS client closed), resolutions go to {@code replacement} if there is one.
     */
    private final class UseRecording implements AwsCredentialsProvider {
        private final AwsCredentialsProvider delegate;
        private final Cached<?> entry;
        private final Supplier<AwsCredentialsProvider> replacement;

        UseRecording(AwsCredentialsProvider delegate, Cached<?> entry, Supplier<AwsCredentialsProvider> replacement) {
            this.delegate = delegate;
            this.entry = entry;
            this.replacement = replacement;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            if (entry.evicted && replacement != null) {
                return replacement.get().resolveCredentials();
            }
            entry.usedAt(clock.millis());
            return delegate.resolveCredentials();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    private record EffectiveCredentials(AwsCredentialsProvider provider, List<SdkAutoCloseable> owned) {
    }

    private record ClientKey(AwsSettings settings, AwsService service, SdkHttpClient http) {
    }

    private record CredentialsKey(AwsSettings settings, SdkHttpClient http) {
    }
}
