package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's mock API server has no pod proxy: requests for {@code /api/v1/namespaces/NS/pods/POD:PORT/proxy/REST}
 * go to {@link SparkUiStub} as {@code /REST}. The request counter still counts them as API server requests, which is
 * what they are on a real cluster.
 */
final class SparkUiRouting implements Interceptor {

    static final String NAME = "bench-spark-ui";
    private static final Pattern PROXY = Pattern.compile("/api/v1/namespaces/[^/]+/pods/[^/]+/proxy(/.*)");

    private final URI ui;

    SparkUiRouting(URI ui) {
        this.ui = ui;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        Matcher m = PROXY.matcher(request.uri().getRawPath());
        if (m.matches()) {
            builder.uri(ui.resolve(m.group(1)));
        }
    }
}
