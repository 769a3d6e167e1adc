package io.jenkins.plugins.sparkeks.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for an EKS API server. STS accepts the presigned URL inside it for 15 minutes after signing; it is
 * replaced one minute earlier, as the AWS CLI and aws-iam-authenticator do, so no request carries an expiring token.
 *
 * @param value    {@code k8s-aws-v1.} followed by the base64url presigned STS URL; a secret
 * @param signedAt when the URL was signed
 */
public record EksToken(String value, Instant signedAt) {

    public static final String PREFIX = "k8s-aws-v1.";
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(14);

    public EksToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(signedAt, "signedAt");
    }

    public Instant expiresAt() {
        return signedAt.plus(VALIDITY);
    }

    /** True from {@link #REFRESH_AFTER} after signing on: a new token should be minted. */
    public boolean isDueForRefresh(Instant now) {
        return !now.isBefore(signedAt.plus(REFRESH_AFTER));
    }

    @Override
    public String toString() {
        return "EksToken[signedAt=" + signedAt + ", value=****]";
    }
}
