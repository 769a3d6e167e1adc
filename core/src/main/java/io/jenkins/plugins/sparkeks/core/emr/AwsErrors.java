package io.jenkins.plugins.sparkeks.core.emr;

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
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
