package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.LongAdder;

/** Counts the requests a client sends (watch reconnects and log re-opens included): the API server's load. */
final class RequestCounter implements Interceptor {

    static final String NAME = "bench-request-counter";

    private final LongAdder requests = new LongAdder();
    private final LongAdder logRequests = new LongAdder();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        requests.increment();
        if (request.uri().getPath().endsWith("/log")) {
            logRequests.increment();
        }
    }

    long requests() {
        return requests.sum();
    }

    long logRequests() {
        return logRequests.sum();
    }
}
