package io.jenkins.plugins.sparkeks.emulator.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The four AWS wire protocols the emulator speaks, each with its own way to spell an error and its own throttling
 * and internal-error codes (all of them codes the AWS SDKs' retry logic treats as throttling or as retryable 5xx).
 */
public enum Protocol {
    /** emr-containers, eks: code in {@code x-amzn-ErrorType}, body {@code {"message":...}}. */
    REST_JSON {
        @Override
        public AwsResponse render(AwsError error) {
            ObjectNode body = Json.object().put("message", error.getMessage());
            return AwsResponse.json(error.status(), "application/json", body)
                    .withHeader("x-amzn-ErrorType", error.code());
        }

        @Override
        public AwsError throttling() {
            return new AwsError(429, "ThrottlingException", "Rate exceeded");
        }

        @Override
        public AwsError internalError() {
            return new AwsError(500, "InternalServerException", "Internal service error (injected)");
        }
    },
    /** CloudWatch Logs: HTTP 400 with {@code {"__type":...,"message":...}}. */
    AWS_JSON_1_1 {
        @Override
        public AwsResponse render(AwsError error) {
            ObjectNode body = Json.object().put("__type", error.code()).put("message", error.getMessage());
            return AwsResponse.json(error.status(), "application/x-amz-json-1.1", body);
        }

        @Override
        public AwsError throttling() {
            return new AwsError(400, "ThrottlingException", "Rate exceeded");
        }

        @Override
        public AwsError internalError() {
            return new AwsError(500, "ServiceUnavailableException", "The service is unavailable (injected)");
        }
    },
    /** S3: an {@code <Error>} document. */
    REST_XML {
        @Override
        public AwsResponse render(AwsError error) {
            return AwsResponse.xml(error.status(), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                    + Xml.escape(error.code()) + "</Code><Message>" + Xml.escape(error.getMessage())
                    + "</Message></Error>");
        }

        @Override
        public AwsError throttling() {
            return new AwsError(503, "SlowDown", "Please reduce your request rate.");
        }

        @Override
        public AwsError internalError() {
            return new AwsError(500, "InternalError", "We encountered an internal error. Please try again.");
        }
    },
    /** STS: an {@code <ErrorResponse>} document. */
    QUERY {
        @Override
        public AwsResponse render(AwsError error) {
            String type = error.status() >= 500 ? "Receiver" : "Sender";
            return AwsResponse.xml(error.status(), "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<Error><Type>" + type + "</Type><Code>" + Xml.escape(error.code()) + "</Code><Message>"
                    + Xml.escape(error.getMessage()) + "</Message></Error></ErrorResponse>");
        }

        @Override
        public AwsError throttling() {
            return new AwsError(400, "Throttling", "Rate exceeded");
        }

        @Override
        public AwsError internalError() {
            return new AwsError(500, "InternalFailure", "Internal failure (injected)");
        }
    };

    public abstract AwsResponse render(AwsError error);

    public abstract AwsError throttling();

    public abstract AwsError internalError();
}
