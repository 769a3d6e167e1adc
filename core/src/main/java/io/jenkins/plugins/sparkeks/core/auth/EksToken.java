package io.jenkins.plugins.sparkeks.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token for an EKS API server. STS accepts the presigned URL inside it for 15 minutes after signing, and
 * never after the signing credentials expire (an assumed-role session may end sooner). It is replaced one minute
 * before that, as the AWS CLI and aws-iam-authenticator do, so no request carries an expiring token.
 *
 * @param value     {@code k8s-aws-v1.} followed by the base64url presigned STS URL; a secret
 * @param signedAt  when the URL was signed
 * @param expiresAt when STS stops accepting it
 */
public record EksToken(String value, Instant signedAt, Instant expiresAt) {

    public static final String PREFIX = "k8s-aws-v1.";
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(1);

    public EksToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(signedAt, "signedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A token signed at {@code signedAt} with credentials valid until {@code credentialsExpire} (null: no end). */
    static EksToken signed(String value, Instant signedAt, Instant credentialsExpire) {
        Instant urlExpiry = signedAt.plus(VALIDITY);
        return new EksToken(value, signedAt,
                credentialsExpire != null && credentialsExpire.isBefore(urlExpiry) ? credentialsExpire : urlExpiry);
    }

    /** True from {@link #REFRESH_MARGIN} before expiry on (14 minutes after signing at most): mint a new one. */
    public boolean isDueForRefresh(Instant now) {
        return !now.isBefore(expiresAt.minus(REFRESH_MARGIN));
    }

    @Override
    public String toString() {
        return "EksToken[signedAt=" + signedAt + ", expiresAt=" + expiresAt + ", value=****]";
    }
}
