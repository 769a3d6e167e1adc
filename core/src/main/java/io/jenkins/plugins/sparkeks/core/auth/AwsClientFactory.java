package io.jenkins.plugins.sparkeks.core.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
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
 * <p>All clients share one {@link SdkHttpClient}: by default a {@link UrlConnectionHttpClient} owned by this factory;
 * the Jenkins plugin passes its own (e.g. an Apache client), which this factory then never closes. Retries stay in the
 * SDK's standard mode (throttling backoff with jitter), which the EMR poller relies on.
 */
public final class AwsClientFactory implements AutoCloseable {

    private final SdkHttpClient httpClient;
    private final boolean ownsHttpClient;
    private final ConcurrentMap<ClientKey, SdkAutoCloseable> clients = new ConcurrentHashMap<>();
    private final ConcurrentMap<AwsSettings, EffectiveCredentials> credentials = new ConcurrentHashMap<>();
    private volatile DefaultCredentialsProvider defaultChain;
    private volatile boolean closed;

    /** A factory with its own {@link UrlConnectionHttpClient}, closed with the factory. */
    public AwsClientFactory() {
        this(UrlConnectionHttpClient.create(), true);
    }

    /** A factory sharing {@code httpClient}; the caller keeps ownership and closes it after this factory. */
    public AwsClientFactory(SdkHttpClient httpClient) {
        this(httpClient, false);
    }

    private AwsClientFactory(SdkHttpClient httpClient, boolean owns) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        this.ownsHttpClient = owns;
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
        ensureOpen();
        return credentials.computeIfAbsent(settings, k -> effectiveCredentials(settings)).provider();
    }

    private EffectiveCredentials effectiveCredentials(AwsSettings settings) {
        AwsCredentialsProvider base = settings.baseCredentials() != null ? settings.baseCredentials() : defaultChain();
        if (!settings.assumesRole()) {
            return new EffectiveCredentials(base, List.of());
        }
        // this STS client is private to the provider: it signs AssumeRole with the base credentials
        StsClient baseSts = configure(StsClient.builder(), settings, AwsService.STS, base).build();
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(baseSts)
                .refreshRequest(r -> {
                    r.roleArn(settings.roleArn()).roleSessionName(settings.roleSessionName());
                    if (settings.externalId() != null) {
                        r.externalId(settings.externalId());
                    }
                })
                .build();
        return new EffectiveCredentials(assumed, List.of(assumed, baseSts));
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
        AwsCredentialsProvider effective = credentials(settings);
        SdkAutoCloseable client = clients.computeIfAbsent(new ClientKey(settings, service),
                k -> configure(builder.get(), settings, service, effective).build());
        return type.cast(client);
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsSettings settings, AwsService service, AwsCredentialsProvider provider) {
        builder.region(settings.region())
                .credentialsProvider(provider)
                .httpClient(httpClient)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
        settings.endpointOverride(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** Closes every client and credentials provider made here, and the HTTP client if this factory created it. */
    @Override
    public void close() {
        closed = true;
        List<SdkAutoCloseable> toClose = new ArrayList<>(clients.values());
        clients.clear();
        credentials.values().forEach(c -> toClose.addAll(c.owned()));
        credentials.clear();
        if (defaultChain != null) {
            toClose.add(defaultChain);
        }
        toClose.forEach(SdkAutoCloseable::close);
        if (ownsHttpClient) {
            httpClient.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("AwsClientFactory is closed");
        }
    }

    private record EffectiveCredentials(AwsCredentialsProvider provider, List<SdkAutoCloseable> owned) {
    }

    private record ClientKey(AwsSettings settings, AwsService service) {
    }
}
