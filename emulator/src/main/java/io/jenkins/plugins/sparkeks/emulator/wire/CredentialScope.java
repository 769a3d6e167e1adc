package io.jenkins.plugins.sparkeks.emulator.wire;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 credential scope of a request, {@code <access key>/<date>/<region>/<service>/aws4_request}, read from the
 * Authorization header or, for presigned URLs, the X-Amz-Credential query parameter. The signature itself is not
 * checked: the emulator trusts any caller, it only needs to know which service and which key.
 */
public record CredentialScope(String accessKeyId, String region, String service) {
    private static final Pattern SCOPE = Pattern.compile("([^/\\s,]+)/\\d{8}/([^/\\s,]+)/([^/\\s,]+)/aws4_request");

    public static Optional<CredentialScope> fromAuthorization(String authorization) {
        int at = authorization.indexOf("Credential=");
        return at < 0 ? Optional.empty() : parse(authorization.substring(at + "Credential=".length()));
    }

    public static Optional<CredentialScope> parse(String credential) {
        Matcher m = SCOPE.matcher(credential);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(m.group(1), m.group(2), m.group(3)));
    }
}
