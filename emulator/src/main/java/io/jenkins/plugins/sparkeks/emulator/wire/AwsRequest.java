package io.jenkins.plugins.sparkeks.emulator.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request, decoded once: path percent-decoded, query and headers as multi-maps (header names lower case),
 * and the SigV4 credential scope that says which service and which caller it is for.
 */
public record AwsRequest(String method, String path, Map<String, List<String>> query,
                         Map<String, List<String>> headers, byte[] body, CredentialScope scope) {
    public AwsRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
