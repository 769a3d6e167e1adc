package io.jenkins.plugins.sparkeks.core.auth;

import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The {@link UrlConnectionHttpClient} a factory owns, made when the first AWS client needs it: a command that never
 * calls AWS (a Kubernetes submission with a token) then never builds it nor loads a TLS trust store for it.
 */
final class OwnedHttpClient implements Supplier<SdkHttpClient>, AutoCloseable {

    private final Supplier<SdkHttpClient> maker;
    private SdkHttpClient client;
    private boolean closed;

    OwnedHttpClient(Supplier<SdkHttpClient> maker) {
        this.maker = maker;
    }

    OwnedHttpClient() {
        this(UrlConnectionHttpClient::create);
    }

    @Override
    public synchronized SdkHttpClient get() {
        if (closed) {
            throw new IllegalStateException("AwsClientFactory is closed");
        }
        if (client == null) {
            client = maker.get();
        }
        return client;
    }

    /** Whether the client was ever made; for tests. */
    synchronized boolean made() {
        return client != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
