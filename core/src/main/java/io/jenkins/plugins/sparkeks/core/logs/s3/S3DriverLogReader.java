package io.jenkins.plugins.sparkeks.core.logs.s3;

import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads a finished job's driver output from the gzip objects EMR uploads under the S3 log URI
 * ({@code <logUri>/<vcId>/jobs/<jobRunId>/containers/spark-<id>/spark-<id>-driver/stdout.gz}, plus rotated
 * parts when log rotation is on). The objects are whole only once the run has ended (EMR uploads them in chunks
 * and at the end, and a gzip object cannot be followed as it grows), so this is read after the end only: when
 * CloudWatch is not configured or misses the tail. It
 * skips the lines another source already delivered, so nothing is shown twice.
 */
public final class S3DriverLogReader {

    private final S3Client s3;

    public S3DriverLogReader(S3Client s3) {
        this.s3 = s3;
    }

    /** Bucket and key prefix of an {@code s3://bucket/prefix} URI joined with a relative path. */
    public record Location(String bucket, String keyPrefix) {
        public static Location of(String s3Uri, String relativePath) {
            if (s3Uri == null || !s3Uri.startsWith("s3://")) {
                throw new IllegalArgumentException("not an s3:// URI");
            }
            String rest = s3Uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix += "/";
            }
            return new Location(bucket, prefix + relativePath);
        }
    }

    /**
     * Delivers the lines of one stream ({@code stdout} or {@code stderr}) after the first {@code skip} lines.
     *
     * A read that fails part way has delivered a prefix of the lines: {@code skip} plus the lines delivered is
     * where a retry starts, so nothing is shown twice.
     *
     * @return the total number of lines the stream has (delivered or skipped); empty when no object of the stream
     *         exists (yet: the last upload can come a little after the run has ended)
     */
    public OptionalLong read(Location driverDir, String stream, long skip, LogSink sink) {
        List<String> keys = objects(driverDir, stream);
        if (keys.isEmpty()) {
            return OptionalLong.empty();
        }
        long line = 0;
        for (String key : keys) {
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(driverDir.bucket()).key(key));
                    BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
                String text;
                while ((text = r.readLine()) != null) {
                    if (line++ >= skip) {
                        sink.accept(new LogLine("s3:" + stream, null, text));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading s3://" + driverDir.bucket() + "/" + key + " failed", e);
            }
        }
        return OptionalLong.of(line);
    }

    /** {@code stdout.gz} first, then rotated parts in name order. */
    private List<String> objects(Location dir, String stream) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(dir.bucket())
                    .prefix(dir.keyPrefix() + stream).continuationToken(token).build());
            for (S3Object o : page.contents()) {
                String name = o.key().substring(dir.keyPrefix().length());
                if (name.equals(stream + ".gz") || (name.startsWith(stream) && name.endsWith(".gz") && !name.contains("/"))) {
                    keys.add(o.key());
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        String main = dir.keyPrefix() + stream + ".gz";
        keys.sort(Comparator.comparing((String k) -> !k.equals(main)).thenComparing(Comparator.naturalOrder()));
        return keys;
    }
}
