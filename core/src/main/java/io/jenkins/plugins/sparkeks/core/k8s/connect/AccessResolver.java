package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenGenerator;
import io.jenkins.plugins.sparkeks.core.auth.EksTokenProvider;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Turns a {@link ClusterAccess} into a fabric8 {@link Config}. Starts from an empty config every time, so nothing from
 * the machine it runs on (~/.kube/config, KUBERNETES_* variables, system properties) leaks into a build's connection.
 * All input checks happen here, before the only network call (EKS DescribeCluster).
 */
final class AccessResolver {

    static final String DEFAULT_NAMESPACE = "default";
    static final int REQUEST_RETRIES = 3;
    static final int REQUEST_RETRY_INTERVAL_MS = 200;

    private final AwsClientFactory aws;
    private final EksTokenGenerator tokenGenerator;
    private final Supplier<InClusterEnvironment> inCluster;
    private final HttpProxy proxy;

    AccessResolver(AwsClientFactory aws, EksTokenGenerator tokenGenerator, Supplier<InClusterEnvironment> inCluster,
                   HttpProxy proxy) {
        this.aws = aws;
        this.tokenGenerator = tokenGenerator;
        this.inCluster = inCluster;
        this.proxy = proxy;
    }

    ResolvedAccess resolve(ClusterAccess access) {
        ResolvedAccess resolved;
        if (access instanceof ClusterAccess.Eks eks) {
            resolved = eks(eks);
        } else if (access instanceof ClusterAccess.Kubeconfig kubeconfig) {
            resolved = kubeconfig(kubeconfig);
        } else if (access instanceof ClusterAccess.ServerToken serverToken) {
            resolved = serverToken(serverToken);
        } else {
            // the pod network reaches its own API service directly
            return limitRetries(inCluster(inCluster.get()));
        }
        applyProxy(resolved.config());
        return limitRetries(resolved);
    }

    /**
     * fabric8 retries a failed request ten times with growing pauses, about 25 s of silence before a refused
     * connection is reported. Waiting rides out outages on its own (informers relist, logs reconnect, the watch
     * re-checks), so a single request retries only briefly: about 1.4 s.
     */
    private static ResolvedAccess limitRetries(ResolvedAccess resolved) {
        resolved.config().setRequestRetryBackoffLimit(REQUEST_RETRIES);
        resolved.config().setRequestRetryBackoffInterval(REQUEST_RETRY_INTERVAL_MS);
        return resolved;
    }

    /** A proxy-url a kubeconfig names for its cluster wins over the machine-wide proxy. */
    private void applyProxy(Config config) {
        if (proxy == null || config.getHttpsProxy() != null || config.getHttpProxy() != null) {
            return;
        }
        config.setHttpProxy(proxy.url().toString());
        config.setHttpsProxy(proxy.url().toString());
        config.setNoProxy(proxy.noProxy().toArray(String[]::new));
        config.setProxyUsername(proxy.username());
        config.setProxyPassword(proxy.password());
    }

    private ResolvedAccess eks(ClusterAccess.Eks access) {
        AwsSettings settings = access.aws();
        String region = settings.region().id();
        EksClusterEndpoint endpoint = EksClusterEndpoint.describe(aws.eks(settings), access.clusterName(), region);
        EksTokenProvider tokens = new EksTokenProvider(aws.credentials(settings), settings.region(),
                access.clusterName(), tokenGenerator);
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(endpoint.server())
                .withCaCertData(endpoint.caDataBase64())
                .withNamespace(DEFAULT_NAMESPACE)
                .withOauthTokenProvider(tokens::token)
                .build();
        return new ResolvedAccess(config, ClusterCoordinates.eks(region, access.clusterName()), tokens);
    }

    private static ResolvedAccess kubeconfig(ClusterAccess.Kubeconfig access) {
        KubeconfigDocument document = KubeconfigDocument.check(access.content(), access.context());
        // Config.fromKubeconfig would then apply KUBERNETES_* variables and kubernetes.* properties of this JVM
        // over the document (even its token); merging into an empty config keeps the document authoritative
        Config config = Config.empty();
        KubeConfigUtils.merge(config, document.context(), document.parsed());
        if (config.getNamespace() == null) {
            config.setNamespace(DEFAULT_NAMESPACE);
        }
        return new ResolvedAccess(config, ClusterCoordinates.server(document.server()), null);
    }

    private static ResolvedAccess serverToken(ClusterAccess.ServerToken access) {
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(access.server())
                .withOauthToken(access.token())
                .withNamespace(DEFAULT_NAMESPACE)
                .withTrustCerts(access.skipTlsVerify())
                .withDisableHostnameVerification(access.skipTlsVerify());
        if (access.caPem() != null) {
            builder.withCaCertData(Base64.getEncoder().encodeToString(access.caPem().getBytes(StandardCharsets.US_ASCII)));
        }
        return new ResolvedAccess(builder.build(), ClusterCoordinates.server(access.server()), null);
    }

    private ResolvedAccess inCluster(InClusterEnvironment env) {
        Validation v = new Validation();
        String fix = "Run this inside a Kubernetes pod with a service account token mounted, or choose EKS, kubeconfig "
                + "or server-and-token access.";
        v.check(env.serviceHost() != null && !env.serviceHost().isBlank(), "inCluster",
                "was chosen but KUBERNETES_SERVICE_HOST is not set, so this process is not running in a pod.", fix);
        v.check(Files.isReadable(env.tokenFile()), "inCluster",
                "was chosen but there is no readable service account token at " + env.tokenFile() + ".", fix);
        v.throwIfInvalid();
        ServiceAccountToken tokens = new ServiceAccountToken(env.tokenFile(), tokenGenerator.clock());
        String server = env.serverUrl();
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl(server)
                .withNamespace(readNamespace(env))
                .withOauthTokenProvider(tokens::token);
        if (Files.isReadable(env.caFile())) {
            builder.withCaCertFile(env.caFile().toString());
        }
        return new ResolvedAccess(builder.build(), ClusterCoordinates.server(server), tokens);
    }

    private static String readNamespace(InClusterEnvironment env) {
        if (!Files.isReadable(env.namespaceFile())) {
            return DEFAULT_NAMESPACE;
        }
        try {
            String namespace = Files.readString(env.namespaceFile(), StandardCharsets.UTF_8).trim();
            return namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
        } catch (IOException e) {
            throw new JobException("Cannot read the pod's namespace file " + env.namespaceFile() + ": "
                    + e.getClass().getSimpleName());
        }
    }
}
