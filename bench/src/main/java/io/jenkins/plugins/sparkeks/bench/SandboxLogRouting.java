package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;

/**
 * The sandbox serves driver logs from its own streaming endpoint (the mock API server cannot stream): pod-log
 * requests go there, everything else to the mock. Only the port changes; the path and query stay.
 */
final class SandboxLogRouting implements Interceptor {

    static final String NAME = "bench-sandbox-logs";

    private final URI logServer;

    SandboxLogRouting(URI logServer) {
        this.logServer = logServer;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        URI uri = request.uri();
        if (uri.getPath().endsWith("/log")) {
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            builder.uri(logServer.resolve(uri.getRawPath() + query));
        }
    }
}
