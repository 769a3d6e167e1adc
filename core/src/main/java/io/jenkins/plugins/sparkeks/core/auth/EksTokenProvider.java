package io.jenkins.plugins.sparkeks.core.auth;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The bearer token for one EKS cluster: minted on first use, reused until it is {@link EksToken#isDueForRefresh due}
 * on the generator's clock (14 minutes, or sooner when the credentials expire sooner) or the API server rejected it,
 * then minted again from fresh credentials (an assumed role's provider refreshes its own session). One instance serves
 * every request of a shared client.
 */
public final class EksTokenProvider implements BearerTokenSource {

    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final String clusterName;
    private final EksTokenGenerator generator;
    private EksToken current;

    public EksTokenProvider(AwsCredentialsProvider credentials, Region region, String clusterName,
                            EksTokenGenerator generator) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    @Override
    public synchronized String token() {
        if (current == null || current.isDueForRefresh(generator.clock().instant())) {
            current = generator.generate(credentials.resolveCredentials(), region, clusterName);
        }
        return current.value();
    }

    @Override
    public synchronized void rejected(String token) {
        if (current != null && current.value().equals(token)) {
            current = null;
        }
    }

    @Override
    public String toString() {
        return "EksTokenProvider[cluster=" + clusterName + ", region=" + region.id() + "]";
    }
}
