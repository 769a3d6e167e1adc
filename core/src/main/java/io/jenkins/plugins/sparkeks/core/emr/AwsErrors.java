package io.jenkins.plugins.sparkeks.core.emr;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Sorting AWS failures into "try again later" and "tell the user". */
public final class AwsErrors {

    private AwsErrors() {}

    /** Throttling, 5xx and connection failures: retry with backoff, the job itself is unaffected. */
    public static boolean isTransient(Throwable t) {
        if (t instanceof AwsServiceException e) {
            return e.isThrottlingException() || e.statusCode() == 429 || e.statusCode() >= 500
                    || "ThrottlingException".equals(errorCode(e)) || "RequestThrottledException".equals(errorCode(e));
        }
        if (isMissingCredentials(t)) {
            return false;
        }
        return t instanceof SdkClientException || (t instanceof SdkException e && e.retryable());
    }

    public static boolean isThrottling(Throwable t) {
        return t instanceof AwsServiceException e
                && (e.isThrottlingException() || e.statusCode() == 429 || "ThrottlingException".equals(errorCode(e)));
    }

    /** A short, secret-free description: service error code and message, or the client failure's message. */
    public static String describe(Throwable t) {
        if (t instanceof AwsServiceException e) {
            String code = errorCode(e);
            String msg = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
            return (code == null ? "HTTP " + e.statusCode() : code) + (msg == null ? "" : ": " + msg);
        }
        if (isMissingCredentials(t)) {
            return noCredentials(t.getMessage());
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** The SDK's default chain found nothing: its message lists every provider with its state, about 1.5 KB. */
    static boolean isMissingCredentials(Throwable t) {
        return t instanceof SdkClientException && t.getMessage() != null
                && t.getMessage().startsWith(NO_CREDENTIALS);
    }

    private static final String NO_CREDENTIALS = "Unable to load credentials from any of the providers in the chain";
    private static final Pattern PROVIDER = Pattern.compile("(\\w+)CredentialsProvider\\((?:profileName=([^,)]+))?");
    private static final Map<String, String> SOURCES = Map.of(
            "SystemProperty", "Java system properties",
            "EnvironmentVariable", "environment variables",
            "WebIdentityToken", "web identity token",
            "Container", "container credentials",
            "InstanceProfile", "instance metadata");

    /** One line naming the sources the chain tried, in its order; names only, never a value from any of them. */
    private static String noCredentials(String message) {
        // the chain is listed first, then each provider again with its reason: the first mention keeps the order
        Matcher m = PROVIDER.matcher(message);
        Set<String> tried = new LinkedHashSet<>();
        while (m.find()) {
            String source = m.group(1);
            if ("Profile".equals(source)) {
                tried.add("profile '" + (m.group(2) == null ? "default" : m.group(2)) + "'");
            } else {
                tried.add(SOURCES.getOrDefault(source, source));
            }
        }
        return "No AWS credentials found" + (tried.isEmpty() ? "" : " (tried " + String.join(", ", tried) + ")")
                + ". Choose an AWS credential, or give this machine credentials: AWS_PROFILE, "
                + "AWS_ACCESS_KEY_ID with AWS_SECRET_ACCESS_KEY, or an instance or pod role";
    }

    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
