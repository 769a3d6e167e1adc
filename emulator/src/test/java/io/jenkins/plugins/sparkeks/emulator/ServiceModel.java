package io.jenkins.plugins.sparkeks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.zip.GZIPInputStream;

/**
 * An AWS service model as botocore (the AWS CLI's library) ships it, used to check the emulator's raw JSON answers
 * member by member: an unknown member name (a typo the SDKs would silently drop), a missing required member, a wrong
 * type, a value outside an enum or pattern, or a timestamp in the wrong format.
 */
final class ServiceModel {
    private final JsonNode shapes;
    private final JsonNode operations;
    private final String protocol;

    private ServiceModel(JsonNode model) {
        this.shapes = model.path("shapes");
        this.operations = model.path("operations");
        this.protocol = model.path("metadata").path("protocol").asText();
    }

    /** botocore's data directory, found through whichever {@code python3} is on PATH. */
    static Optional<Path> botocoreData() {
        try {
            Process p = new ProcessBuilder("python3", "-c",
                    "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            Path data = Path.of(out);
            return Files.isDirectory(data) ? Optional.of(data) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static ServiceModel load(Path data, String service, String apiVersion) throws IOException {
        Path dir = data.resolve(service).resolve(apiVersion);
        Path gz = dir.resolve("service-2.json.gz");
        try (InputStream in = Files.exists(gz) ? new GZIPInputStream(Files.newInputStream(gz))
                : Files.newInputStream(dir.resolve("service-2.json"))) {
            return new ServiceModel(new ObjectMapper().readTree(in));
        }
    }

    /** The output shape of an operation, e.g. DescribeJobRunResponse. */
    String outputOf(String operation) {
        return operations.path(operation).path("output").path("shape").asText();
    }

    /** Every way the value departs from the shape; empty when it conforms. */
    List<String> violations(String shapeName, JsonNode value) {
        List<String> out = new ArrayList<>();
        check(shapeName, value, "$", out);
        return out;
    }

    private void check(String shapeName, JsonNode value, String path, List<String> out) {
        JsonNode shape = shapes.path(shapeName);
        if (shape.isMissingNode()) {
            out.add(path + ": model has no shape " + shapeName);
            return;
        }
        switch (shape.path("type").asText()) {
            case "structure" -> structure(shape, value, path, out);
            case "list" -> {
                if (!value.isArray()) {
                    out.add(path + ": expected a list (" + shapeName + "), got " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(shape.path("member").path("shape").asText(), value.get(i), path + "[" + i + "]", out);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    out.add(path + ": expected a map (" + shapeName + "), got " + value);
                    return;
                }
                value.properties().forEach(e -> check(shape.path("value").path("shape").asText(), e.getValue(),
                        path + "." + e.getKey(), out));
            }
            case "string" -> string(shape, value, path, out);
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    out.add(path + ": expected an integer, got " + value);
                } else if (shape.has("min") && value.asLong() < shape.path("min").asLong()) {
                    out.add(path + ": " + value + " is below the minimum " + shape.path("min"));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(path + ": expected a boolean, got " + value);
                }
            }
            case "double", "float" -> {
                if (!value.isNumber()) {
                    out.add(path + ": expected a number, got " + value);
                }
            }
            case "timestamp" -> timestamp(shape, value, path, out);
            default -> out.add(path + ": shape type " + shape.path("type").asText() + " not checked");
        }
    }

    private void structure(JsonNode shape, JsonNode value, String path, List<String> out) {
        if (!value.isObject()) {
            out.add(path + ": expected a structure, got " + value);
            return;
        }
        JsonNode members = shape.path("members");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            boolean errorEnvelope = field.getKey().equals("__type") || field.getKey().equals("message");
            if (errorEnvelope && shape.path("exception").asBoolean(false) && !members.has(field.getKey())) {
                continue;   // the JSON protocols' error code and message, which some models leave implicit
            }
            JsonNode member = members.path(field.getKey());
            if (member.isMissingNode() || member.has("location")) {
                out.add(path + "." + field.getKey() + ": not a body member of the model");
                continue;
            }
            check(member.path("shape").asText(), field.getValue(), path + "." + field.getKey(), out);
        }
        shape.path("required").forEach(r -> {
            if (!value.has(r.asText()) && !members.path(r.asText()).has("location")) {
                out.add(path + ": required member " + r.asText() + " is missing");
            }
        });
    }

    private static void string(JsonNode shape, JsonNode value, String path, List<String> out) {
        if (!value.isTextual()) {
            out.add(path + ": expected a string, got " + value);
            return;
        }
        String text = value.asText();
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.path("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text)) {
                out.add(path + ": '" + text + "' is not one of " + allowed);
            }
        }
        if (shape.has("min") && text.length() < shape.path("min").asInt()
                || shape.has("max") && text.length() > shape.path("max").asInt()) {
            out.add(path + ": length " + text.length() + " outside " + shape.path("min") + ".." + shape.path("max"));
        }
        if (shape.has("pattern")) {
            try {
                if (!Pattern.compile(shape.path("pattern").asText()).matcher(text).find()) {
                    out.add(path + ": '" + text + "' does not match " + shape.path("pattern").asText());
                }
            } catch (PatternSyntaxException notJava) {
                // a few model patterns use syntax Java lacks; those values go unchecked
            }
        }
    }

    private void timestamp(JsonNode shape, JsonNode value, String path, List<String> out) {
        String format = shape.path("timestampFormat").asText("unixTimestamp");
        if (format.equals("iso8601")) {
            try {
                OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                out.add(path + ": expected an ISO-8601 timestamp, got " + value);
            }
        } else if (!value.isNumber()) {
            out.add(path + ": expected epoch seconds (" + protocol + " default), got " + value);
        }
    }
}
