package io.jenkins.plugins.sparkeks.core.k8s.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API server answered a log request with an error, e.g. 400 while the container is still being created. */
final class LogRequestRefused extends Exception {

    private static final long serialVersionUID = 1L;
    private static final Pattern STATUS_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]*)\"");

    private final int code;

    LogRequestRefused(int code, ByteArrayOutputStream body) {
        super("HTTP " + code + messageOf(body));
        this.code = code;
    }

    int code() {
        return code;
    }

    /** The Kubernetes Status message, which names the pod and container but carries no secret. */
    private static String messageOf(ByteArrayOutputStream body) {
        Matcher m = STATUS_MESSAGE.matcher(body.toString(StandardCharsets.UTF_8));
        return m.find() ? ": " + m.group(1) : "";
    }
}
