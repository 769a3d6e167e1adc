package io.jenkins.plugins.sparkeks.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * An aws-credentials credential as an SDK v2 provider. A credential that returns nothing (blank keys and no
 * role, meaning "use the controller's identity") falls back to the default chain. A credential that assumes
 * a role would call STS on every request, so session credentials are kept until shortly before they expire.
 */
public final class JenkinsAwsCredentialsProvider implements AwsCredentialsProvider {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final String credentialsId;
    private final AmazonWebServicesCredentials credentials;
    private final AwsCredentialsProvider fallback;
    private final Clock clock;
    private AwsSessionCredentials cached;

    public JenkinsAwsCredentialsProvider(String credentialsId, AmazonWebServicesCredentials credentials,
            AwsCredentialsProvider fallback) {
        this(credentialsId, credentials, fallback, Clock.systemUTC());
    }

    JenkinsAwsCredentialsProvider(String credentialsId, AmazonWebServicesCredentials credentials,
            AwsCredentialsProvider fallback, Clock clock) {
        this.credentialsId = credentialsId;
        this.credentials = credentials;
        this.fallback = fallback;
        this.clock = clock;
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        Instant now = clock.instant();
        if (cached != null && cached.expirationTime().map(e -> now.isBefore(e.minus(REFRESH_BEFORE_EXPIRY))).orElse(false)) {
            return cached;
        }
        AwsCredentials c = credentials.resolveCredentials();
        if (c == null) {
            return fallback.resolveCredentials();
        }
        cached = c instanceof AwsSessionCredentials s && s.expirationTime().isPresent() ? s : null;
        return c;
    }

    @Override
    public String toString() {
        return "JenkinsAwsCredentials[" + credentialsId + "]";
    }
}
