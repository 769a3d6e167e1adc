package io.jenkins.plugins.sparkeks.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * An aws-credentials credential as an SDK v2 provider. A credential that returns nothing (blank keys and no
 * role, meaning "use the controller's identity") falls back to the default chain. A credential that assumes
 * a role would call STS on every request, so session credentials are kept until shortly before they expire.
 *
 * <p>aws-credentials' {@code AWSCredentialsImpl.resolveCredentials()} makes a new STS client, calls AssumeRole with
 * {@code DurationSeconds = getStsTokenDuration()}, and returns the session <em>without</em> the expiration STS sent.
 * STS either grants exactly the requested duration or refuses the call, so the session is known to last that long
 * from the moment the call began (measured on our clock, hence never later than the real end): that is the lifetime
 * the session is cached with. Sessions that carry their own expiration keep it; other credentials are not cached.
 *
 * <p>Builds look the credential up afresh and wrap it in a new provider, yet the core shares AWS clients,
 * EKS connections and informers between equal settings. Two providers are therefore equal when they name
 * the same id <em>and</em> carry the same secret material, compared through a one-way fingerprint: the same
 * id in two folders may hold different keys, and a rotated key must not keep using clients made with the
 * old one. A credential type whose material cannot be read without a network call is only equal to itself.
 */
public final class JenkinsAwsCredentialsProvider implements AwsCredentialsProvider {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final String credentialsId;
    private final AmazonWebServicesCredentials credentials;
    private final AwsCredentialsProvider fallback;
    private final Clock clock;
    private final String fingerprint;
    private AwsSessionCredentials cached;

    public JenkinsAwsCredentialsProvider(
            String credentialsId, AmazonWebServicesCredentials credentials, AwsCredentialsProvider fallback) {
        this(credentialsId, credentials, fallback, Clock.systemUTC());
    }

    JenkinsAwsCredentialsProvider(
            String credentialsId,
            AmazonWebServicesCredentials credentials,
            AwsCredentialsProvider fallback,
            Clock clock) {
        this.credentialsId = credentialsId;
        this.credentials = credentials;
        this.fallback = fallback;
        this.clock = clock;
        this.fingerprint = fingerprint(credentials);
    }

    private static String fingerprint(AmazonWebServicesCredentials credentials) {
        if (!(credentials instanceof AWSCredentialsImpl c)) {
            return null;
        }
        String material = String.join(
                "\u0000",
                Objects.toString(c.getAccessKey(), ""),
                secretText(c.getSecretKey()),
                Objects.toString(c.getIamRoleArn(), ""),
                Objects.toString(c.getIamExternalId(), ""),
                Objects.toString(c.getIamMfaSerialNumber(), ""),
                roleArnSet(c) ? String.valueOf(c.getStsTokenDuration()) : "");
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        Instant now = clock.instant();
        if (cached != null
                && cached.expirationTime()
                        .map(e -> now.isBefore(e.minus(REFRESH_BEFORE_EXPIRY)))
                        .orElse(false)) {
            return cached;
        }
        AwsCredentials c = credentials.resolveCredentials();
        if (c == null) {
            return fallback.resolveCredentials();
        }
        cached = withKnownLifetime(c, now);
        return cached != null ? cached : c;
    }

    private AwsSessionCredentials withKnownLifetime(AwsCredentials c, Instant callStarted) {
        if (!(c instanceof AwsSessionCredentials session)) {
            return null;
        }
        if (session.expirationTime().isPresent()) {
            return session;
        }
        Integer seconds = requestedRoleDuration();
        if (seconds == null) {
            return null;
        }
        return AwsSessionCredentials.builder()
                .accessKeyId(session.accessKeyId())
                .secretAccessKey(session.secretAccessKey())
                .sessionToken(session.sessionToken())
                .expirationTime(callStarted.plusSeconds(seconds))
                .build();
    }

    /** The DurationSeconds aws-credentials asks STS for, when this credential assumes a role; else null. */
    private Integer requestedRoleDuration() {
        if (credentials instanceof AWSCredentialsImpl c && roleArnSet(c)) {
            return c.getStsTokenDuration();
        }
        return null;
    }

    private static boolean roleArnSet(AWSCredentialsImpl c) {
        return c.getIamRoleArn() != null && !c.getIamRoleArn().isBlank();
    }

    private static String secretText(Secret secret) {
        return secret == null ? "" : secret.getPlainText();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof JenkinsAwsCredentialsProvider other
                && fingerprint != null
                && fingerprint.equals(other.fingerprint)
                && Objects.equals(credentialsId, other.credentialsId)
                && fallback.equals(other.fallback);
    }

    @Override
    public int hashCode() {
        return fingerprint == null ? System.identityHashCode(this) : Objects.hash(credentialsId, fingerprint);
    }

    @Override
    public String toString() {
        return "JenkinsAwsCredentials[" + credentialsId + "]";
    }
}
