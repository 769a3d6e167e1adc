package io.jenkins.plugins.sparkeks.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * An EKS cluster as DescribeCluster reports it.
 *
 * @param certificateAuthorityData base64 of the PEM CA bundle, exactly as {@code certificateAuthority.data} carries it
 */
public record EksCluster(String name, String endpoint, String certificateAuthorityData, String status,
                         String version) {
    private static final Set<String> STATUSES = Set.of("CREATING", "ACTIVE", "DELETING", "FAILED", "UPDATING",
            "PENDING");

    public EksCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(certificateAuthorityData, "certificateAuthorityData");
        Objects.requireNonNull(version, "version");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("EKS cluster status '" + status + "' must be one of " + STATUSES);
        }
    }

    /** An ACTIVE cluster; the PEM text is base64-encoded here the way EKS returns it. */
    public static EksCluster active(String name, String endpoint, String certificateAuthorityPem) {
        String data = Base64.getEncoder().encodeToString(certificateAuthorityPem.getBytes(StandardCharsets.UTF_8));
        return new EksCluster(name, endpoint, data, "ACTIVE", "1.31");
    }

    public EksCluster withStatus(String newStatus) {
        return new EksCluster(name, endpoint, certificateAuthorityData, newStatus, version);
    }
}
