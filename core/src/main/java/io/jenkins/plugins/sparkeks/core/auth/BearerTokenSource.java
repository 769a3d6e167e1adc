package io.jenkins.plugins.sparkeks.core.auth;

/**
 * A bearer token that changes over time (EKS tokens, projected service-account tokens). Called before every request
 * to the API server, so {@link #token()} must be cheap when nothing is due.
 */
public interface BearerTokenSource {

    /** The token to send now; mints or reloads one when the cached one is due. */
    String token();

    /**
     * The API server answered 401 to a request carrying {@code token}: the next {@link #token()} must not return it.
     * Ignored when a newer token is already cached, so a burst of rejected requests causes one refresh.
     */
    void rejected(String token);
}
