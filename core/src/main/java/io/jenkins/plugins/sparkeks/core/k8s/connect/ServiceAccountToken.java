package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.jenkins.plugins.sparkeks.core.auth.BearerTokenSource;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The pod's projected service-account token. The kubelet rewrites the file well before the token expires, so it is
 * read again once a minute (what client-go does) and at once after the API server refused it.
 */
final class ServiceAccountToken implements BearerTokenSource {

    static final Duration RELOAD_AFTER = Duration.ofMinutes(1);

    private final Path file;
    private final Clock clock;
    private String token;
    private Instant loadedAt;

    ServiceAccountToken(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(loadedAt.plus(RELOAD_AFTER))) {
            token = read();
            loadedAt = now;
        }
        return token;
    }

    @Override
    public synchronized void rejected(String refused) {
        if (token != null && token.equals(refused)) {
            token = null;
        }
    }

    private String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new JobException("Cannot read the service-account token file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "ServiceAccountToken[" + file + "]";
    }
}
