package io.jenkins.plugins.sparkeks.core.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The caller's identity for one submission (for Jenkins: job, build number and step position). The same
 * key always maps to the same remote names and idempotency tokens, so a resumed or retried submit finds
 * the job it already started instead of starting a second one; a new key starts a new job.
 *
 * @param value the caller's key; any text, it is only ever used through its hash
 */
public record SubmissionKey(String value) {

    public SubmissionKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("submission key must not be blank");
        }
    }

    /** SHA-256 of the key as lower-case hex (64 chars): usable as a label value prefix, token, or name part. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The first {@code length} hex characters of {@link #hash()}. */
    public String hash(int length) {
        if (length < 8 || length > 64) {
            throw new IllegalArgumentException("hash length must be 8..64, was " + length);
        }
        return hash().substring(0, length);
    }
}
