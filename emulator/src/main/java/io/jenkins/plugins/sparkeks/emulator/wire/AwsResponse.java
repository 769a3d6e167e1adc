package io.jenkins.plugins.sparkeks.emulator.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer ready to be written. */
public record AwsResponse(int status, Map<String, String> headers, byte[] body) {
    public AwsResponse {
        headers = Map.copyOf(headers);
    }

    public static AwsResponse json(int status, String contentType, JsonNode body) {
        return new AwsResponse(status, Map.of("Content-Type", contentType), Json.bytes(body));
    }

    public static AwsResponse xml(int status, String xml) {
        return new AwsResponse(status, Map.of("Content-Type", "text/xml"), xml.getBytes(StandardCharsets.UTF_8));
    }

    public AwsResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AwsResponse(status, more, body);
    }
}
