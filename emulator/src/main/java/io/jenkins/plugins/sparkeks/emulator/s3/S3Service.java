package io.jenkins.plugins.sparkeks.emulator.s3;

import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.s3.ObjectStore.StoredObject;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsRequest;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsResponse;
import io.jenkins.plugins.sparkeks.emulator.wire.Protocol;
import io.jenkins.plugins.sparkeks.emulator.wire.ServiceHandler;
import io.jenkins.plugins.sparkeks.emulator.wire.Xml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.NavigableMap;

/** S3, path-style only: GetObject and ListObjectsV2, enough to read the gzip logs EMR uploads. */
public final class S3Service implements ServiceHandler {
    private static final int MAX_KEYS = 1000;

    private final ObjectStore store;

    public S3Service(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_XML;
    }

    @Override
    public Operation operationOf(AwsRequest request) {
        String[] parts = splitBucketAndKey(request.path());
        if ("GET".equals(request.method()) && parts[1].isEmpty() && request.query("list-type").isPresent()) {
            return Operation.LIST_OBJECTS_V2;
        }
        if ("GET".equals(request.method()) && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return Operation.GET_OBJECT;
        }
        throw new AwsError(501, "NotImplemented", "The emulator serves only path-style GetObject and ListObjectsV2, not "
                + request.method() + " " + request.path());
    }

    @Override
    public AwsResponse handle(Operation operation, AwsRequest request) {
        String[] parts = splitBucketAndKey(request.path());
        NavigableMap<String, StoredObject> bucket = store.bucket(parts[0])
                .orElseThrow(() -> new AwsError(404, "NoSuchBucket", "The specified bucket does not exist"));
        return switch (operation) {
            case GET_OBJECT -> getObject(bucket, parts[1]);
            case LIST_OBJECTS_V2 -> listObjects(parts[0], bucket, request);
            default -> throw new IllegalArgumentException("not an S3 operation: " + operation);
        };
    }

    private static AwsResponse getObject(NavigableMap<String, StoredObject> bucket, String key) {
        StoredObject object = bucket.get(key);
        if (object == null) {
            throw new AwsError(404, "NoSuchKey", "The specified key does not exist.");
        }
        return new AwsResponse(200, Map.of(
                "Content-Type", "application/octet-stream",
                "ETag", "\"" + object.etag() + "\"",
                "Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(object.lastModified().atOffset(ZoneOffset.UTC)),
                "Accept-Ranges", "bytes"), object.content());
    }

    private static AwsResponse listObjects(String name, NavigableMap<String, StoredObject> bucket, AwsRequest request) {
        String prefix = request.query("prefix").orElse("");
        int maxKeys = request.query("max-keys").map(S3Service::maxKeys).orElse(MAX_KEYS);
        boolean urlEncoded = request.query("encoding-type").map("url"::equals).orElse(false);
        String after = request.query("continuation-token").map(S3Service::decodeToken)
                .or(() -> request.query("start-after")).orElse("");
        NavigableMap<String, StoredObject> candidates = after.isEmpty() ? bucket : bucket.tailMap(after, false);
        StringBuilder contents = new StringBuilder();
        int count = 0;
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, StoredObject> e : candidates.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            if (count == maxKeys) {
                truncated = true;
                break;
            }
            StoredObject o = e.getValue();
            contents.append("<Contents>").append(Xml.element("Key", encode(e.getKey(), urlEncoded)))
                    .append(Xml.element("LastModified", o.lastModified().truncatedTo(ChronoUnit.MILLIS)))
                    .append(Xml.element("ETag", "\"" + o.etag() + "\""))
                    .append(Xml.element("Size", o.content().length))
                    .append(Xml.element("StorageClass", "STANDARD")).append("</Contents>");
            count++;
            last = e.getKey();
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append(Xml.element("Name", name))
                .append(Xml.element("Prefix", encode(prefix, urlEncoded)))
                .append(Xml.element("KeyCount", count))
                .append(Xml.element("MaxKeys", maxKeys))
                .append(Xml.element("IsTruncated", truncated));
        request.query("continuation-token").ifPresent(t -> xml.append(Xml.element("ContinuationToken", t)));
        if (truncated) {
            xml.append(Xml.element("NextContinuationToken", encodeToken(last)));
        }
        if (urlEncoded) {
            xml.append(Xml.element("EncodingType", "url"));
        }
        xml.append(contents).append("</ListBucketResult>");
        return AwsResponse.xml(200, xml.toString()).withHeader("Content-Type", "application/xml");
    }

    /** {@code /bucket/some/key} → {@code ["bucket", "some/key"]}; the key is empty for bucket-level requests. */
    private static String[] splitBucketAndKey(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        int slash = p.indexOf('/');
        return slash < 0 ? new String[] {p, ""} : new String[] {p.substring(0, slash), p.substring(slash + 1)};
    }

    private static int maxKeys(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_KEYS);
        } catch (NumberFormatException e) {
            throw new AwsError(400, "InvalidArgument", "max-keys must be a non-negative integer, was " + value);
        }
    }

    private static String encode(String text, boolean urlEncoded) {
        return urlEncoded ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20") : text;
    }

    private static String encodeToken(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AwsError(400, "InvalidArgument", "The continuation token provided is incorrect");
        }
    }
}
