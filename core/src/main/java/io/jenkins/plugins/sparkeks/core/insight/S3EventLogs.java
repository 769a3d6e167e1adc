package io.jenkins.plugins.sparkeks.core.insight;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Event logs in S3 ({@code s3://} or {@code s3a://}), read with the job's own S3 client. */
public final class S3EventLogs implements EventLogStore {

    private final S3Client s3;

    public S3EventLogs(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    @Override
    public boolean handles(String dir) {
        return dir.startsWith("s3://") || dir.startsWith("s3a://");
    }

    @Override
    public List<String> list(String dir, String prefix) throws IOException {
        Location at = Location.of(dir);
        List<String> names = new ArrayList<>();
        try {
            ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(at.bucket).prefix(at.key + prefix)
                    .delimiter("/");
            ListObjectsV2Response page = s3.listObjectsV2(req.build());
            for (S3Object o : page.contents()) {
                names.add(o.key().substring(at.key.length()));
            }
            page.commonPrefixes().forEach(p -> {
                String name = p.prefix().substring(at.key.length());
                names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
            });
        } catch (SdkException e) {
            throw new IOException("could not list " + dir + ": " + e.getMessage(), e);
        }
        return names.stream().sorted().toList();
    }

    @Override
    public InputStream open(String dir, String name) throws IOException {
        Location at = Location.of(dir);
        try {
            return s3.getObject(b -> b.bucket(at.bucket).key(at.key + name));
        } catch (SdkException e) {
            throw new IOException("could not read " + dir + "/" + name + ": " + e.getMessage(), e);
        }
    }

    private record Location(String bucket, String key) {
        static Location of(String dir) {
            String rest = dir.substring(dir.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            if (!key.isEmpty() && !key.endsWith("/")) {
                key = key + "/";
            }
            return new Location(bucket, key);
        }
    }
}
