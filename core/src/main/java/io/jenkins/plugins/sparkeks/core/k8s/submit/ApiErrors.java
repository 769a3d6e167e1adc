package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.util.regex.Pattern;

/** Turns an API server refusal into a sentence safe to show: its reason and message, with quoted values removed. */
public final class ApiErrors {

    /** Validation messages quote the offending value ({@code Invalid value: "..."}), which may be an env secret. */
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private ApiErrors() {}

    public static String describe(KubernetesClientException e) {
        Status status = e.getStatus();
        String text = status != null && status.getMessage() != null ? status.getMessage() : "";
        if (text.isEmpty() && status != null && status.getReason() != null) {
            text = status.getReason();
        }
        if (text.isEmpty() && e.getCode() <= 0 && e.getCause() != null) {
            text = rootCause(e);
        }
        return QUOTED.matcher(text).replaceAll("\"…\"");
    }

    /**
     * What the network said ({@code ConnectException: connection refused}): the wrapper names tell a user nothing,
     * and the JDK's connect failure carries its meaning in its type, with no message and a vaguer cause.
     */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "ConnectException: " + (t.getMessage() == null || t.getMessage().isBlank()
                        ? "connection refused" : t.getMessage());
            }
            root = t;
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
