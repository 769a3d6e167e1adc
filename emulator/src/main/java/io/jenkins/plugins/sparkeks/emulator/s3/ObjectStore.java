package io.jenkins.plugins.sparkeks.emulator.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** S3's storage: buckets of objects sorted by key, as ListObjectsV2 returns them. Used under the model lock. */
public final class ObjectStore {
    /** One object; the ETag is the hex MD5 of the content, as S3 gives for single-part uploads. */
    public record StoredObject(byte[] content, Instant lastModified, String etag) {
    }

    private final Map<String, TreeMap<String, StoredObject>> buckets = new TreeMap<>();

    public void createBucket(String bucket) {
        buckets.computeIfAbsent(bucket, b -> new TreeMap<>());
    }

    public void put(String bucket, String key, byte[] content, Instant at) {
        buckets.computeIfAbsent(bucket, b -> new TreeMap<>())
                .put(key, new StoredObject(content.clone(), at, md5(content)));
    }

    public Optional<NavigableMap<String, StoredObject>> bucket(String bucket) {
        return Optional.ofNullable(buckets.get(bucket));
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
