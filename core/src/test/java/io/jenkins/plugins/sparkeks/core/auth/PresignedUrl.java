package io.jenkins.plugins.sparkeks.core.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The STS URL inside an EKS token, taken apart for assertions. */
record PresignedUrl(URI uri, Map<String, String> query) {

    static PresignedUrl fromToken(String token) {
        if (!token.startsWith(EksToken.PREFIX)) {
            throw new IllegalArgumentException("not an EKS token");
        }
        String url = new String(Base64.getUrlDecoder().decode(token.substring(EksToken.PREFIX.length())),
                StandardCharsets.UTF_8);
        URI uri = URI.create(url);
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new PresignedUrl(uri, query);
    }
}
