package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Sends a client's pod-log and proxy requests to the sandbox's kubelet side ({@link DriverLogServer}); everything
 * else goes to the API mock.
 */
final class LogRouting implements Interceptor {

    static final String NAME = "sandbox-driver-logs";
    private static final Pattern LOG_PATH = Pattern.compile(".*/pods/[^/]+/log");

    private final URI logServer;

    LogRouting(URI logServer) {
        this.logServer = logServer;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        URI uri = request.uri();
        if (LOG_PATH.matcher(uri.getPath()).matches() || DriverProxy.PROXY.matcher(uri.getRawPath()).matches()) {
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            builder.uri(logServer.resolve(uri.getRawPath() + query));
        }
    }
}
