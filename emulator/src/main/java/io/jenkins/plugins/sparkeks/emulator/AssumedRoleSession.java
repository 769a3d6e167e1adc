package io.jenkins.plugins.sparkeks.emulator;

import java.time.Instant;
import java.util.Optional;

/**
 * A role session the emulator's STS handed out. Only the access key id is kept: it identifies later calls made with
 * these credentials, and the secret parts have no business in a test report.
 */
public record AssumedRoleSession(String roleArn, String sessionName, Optional<String> externalId,
                                 String accessKeyId, String callerAccessKeyId, Instant expiration) {
}
