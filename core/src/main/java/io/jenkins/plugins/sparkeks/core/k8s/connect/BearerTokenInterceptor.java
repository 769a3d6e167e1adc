package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.jenkins.plugins.sparkeks.core.auth.BearerTokenSource;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.HttpURLConnection;
import java.util.concurrent.CompletableFuture;

/**
 * Puts the current token of a {@link BearerTokenSource} on every request and websocket upgrade, and after a 401
 * retries once with a fresh one.
 *
 * <p>It takes the place of fabric8's own token interceptor: that one asks an {@code OAuthTokenProvider} again after a
 * 401 but cannot tell it the token was refused, so a caching provider would hand back the same rejected token.
 */
final class BearerTokenInterceptor implements Interceptor {

    static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final BearerTokenSource tokens;

    BearerTokenInterceptor(BearerTokenSource tokens) {
        this.tokens = tokens;
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        builder.setHeader(AUTHORIZATION, BEARER + tokens.token());
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        if (response.code() != HttpURLConnection.HTTP_UNAUTHORIZED) {
            return CompletableFuture.completedFuture(false);
        }
        String refused = sentToken(response);
        tokens.rejected(refused);
        String fresh = tokens.token();
        if (fresh.equals(refused)) {
            // nothing new to offer: the 401 is about the identity, not the token's age
            return CompletableFuture.completedFuture(false);
        }
        builder.setHeader(AUTHORIZATION, BEARER + fresh);
        return CompletableFuture.completedFuture(true);
    }

    private String sentToken(HttpResponse<?> response) {
        HttpRequest request = response.request();
        String header = request == null ? null : request.header(AUTHORIZATION);
        if (header != null && header.startsWith(BEARER)) {
            return header.substring(BEARER.length());
        }
        // the request is not available: treat whatever is cached as refused
        return tokens.token();
    }

    @Override
    public String toString() {
        return "BearerTokenInterceptor[" + tokens + "]";
    }
}
