package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP proxy API servers are reached through, as kubectl takes it from {@code HTTPS_PROXY}/{@code NO_PROXY}.
 * The Jenkins plugin can build one from its own proxy configuration instead.
 *
 * @param url      proxy URL without credentials, e.g. {@code http://proxy.corp:3128}
 * @param noProxy  hosts, domains ({@code .corp}) or CIDRs reached directly
 * @param username proxy user, or null
 * @param password proxy password, or null; never shown
 */
public record HttpProxy(URI url, List<String> noProxy, String username, String password) {

    public HttpProxy {
        Validation v = new Validation();
        boolean web = url != null && url.getHost() != null
                && ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()));
        v.check(web && url.getUserInfo() == null, "proxy", "'" + (url == null ? "" : redact(url))
                + "' is not an http(s) proxy URL without credentials.", "Give it as http://host:port; pass the user "
                + "and password separately.");
        v.throwIfInvalid();
        noProxy = noProxy == null ? List.of() : List.copyOf(noProxy);
    }

    /**
     * The proxy named by {@code HTTPS_PROXY} (else {@code HTTP_PROXY}), either case, with {@code NO_PROXY}; credentials
     * written into the URL are taken out of it.
     */
    public static Optional<HttpProxy> fromEnvironment(Map<String, String> env) {
        String raw = first(env, "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
        if (raw == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(raw.contains("://") ? raw : "http://" + raw);
        } catch (URISyntaxException e) {
            // the value may carry a password: neither it nor the parser's message is repeated
            throw new InvalidJobSpecException(List.of(new FieldError("proxy",
                    "the proxy environment variable is not a URL.",
                    "Set HTTPS_PROXY to a URL such as http://proxy.corp:3128.")));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
            uri = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        }
        String noProxy = first(env, "NO_PROXY", "no_proxy");
        List<String> hosts = noProxy == null ? List.of()
                : Arrays.stream(noProxy.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return Optional.of(new HttpProxy(uri, hosts, user, password));
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static String redact(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "****");
    }

    @Override
    public String toString() {
        return "HttpProxy[" + url + ", noProxy=" + noProxy + (username == null ? "" : ", user=" + username)
                + (password == null ? "" : ", password=****") + "]";
    }
}
