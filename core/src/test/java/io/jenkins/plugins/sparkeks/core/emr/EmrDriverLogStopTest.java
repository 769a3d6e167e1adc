package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.StreamPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A stop (detach) while the driver log is being read from S3: the saved cursor covers exactly what was shown. */
class EmrDriverLogStopTest {

    private final EmulatedAws env = new EmulatedAws();
    private final EmrWatchMachinery machinery = env.machinery(EmrPollSettings.fast());

    @AfterEach
    void close() {
        env.close();
    }

    /**
     * The object's first bytes arrive, then the read waits for the network (the reader's decoders want more before
     * they hand out a line); the stop lands then. The lines that come after the stop are refused by the stopped
     * follower, so its position must not claim them either, whenever the cursor is taken (a detach takes it, a save
     * may take it again later), or a resume would skip them.
     */
    @Test
    void linesOfAnS3ReadRefusedAfterAStopAreNotCountedAsDelivered() throws Exception {
        CountDownLatch readInFlight = new CountDownLatch(1);
        CountDownLatch network = new CountDownLatch(1);
        S3Client s3 = mock(S3Client.class);
        when(s3.listObjectsV2(any(ListObjectsV2Request.class))).thenAnswer(inv -> {
            ListObjectsV2Request r = inv.getArgument(0);
            return r.prefix().endsWith("stdout")
                    ? ListObjectsV2Response.builder().contents(S3Object.builder().key(r.prefix() + ".gz").build()).build()
                    : ListObjectsV2Response.builder().build();
        });
        when(s3.getObject(org.mockito.ArgumentMatchers.<Consumer<GetObjectRequest.Builder>>any())).thenAnswer(inv ->
                new ResponseInputStream<>(GetObjectResponse.builder().build(),
                        AbortableInputStream.create(new StalledGzip("one\n", "two\nthree\n", readInFlight, network))));
        List<LogLine> shown = new CopyOnWriteArrayList<>();
        EmrJobRunReference ref = new EmrJobRunReference(env.aws.region(), EmulatedAws.VC, "jr1", "stop", Instant.EPOCH,
                null, new EmrLogLocation(null, null, "s3://logs-bucket/emr/"), LogCursor.START);
        EmrDriverLogFollower follower = new EmrDriverLogFollower(ref, null, s3, null, null, machinery, shown::add, d -> { });

        java.util.concurrent.CompletableFuture<Void> drained = follower.drain();
        assertThat(readInFlight.await(10, TimeUnit.SECONDS)).isTrue();
        follower.stop();
        LogCursor atStop = follower.cursor(LogCursor.START);
        network.countDown();
        drained.get(10, TimeUnit.SECONDS);

        assertThat(shown).as("nothing is shown after the stop").isEmpty();
        assertThat(StreamPosition.decode(atStop.position("driver:stdout")).delivered()).isZero();
        assertThat(follower.cursor(LogCursor.START)).as("the cursor after the read came back").isEqualTo(atStop);
    }

    /** A gzip object whose bytes after the first flush come only once {@code network} opens. */
    private static final class StalledGzip extends InputStream {
        private final byte[] bytes;
        private final int split;
        private final CountDownLatch firstPartTaken;
        private final CountDownLatch network;
        private int at;

        StalledGzip(String first, String rest, CountDownLatch firstPartTaken, CountDownLatch network) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out, true)) {
                gz.write(first.getBytes(StandardCharsets.UTF_8));
                gz.flush();
                split = out.size();
                gz.write(rest.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.bytes = out.toByteArray();
            this.firstPartTaken = firstPartTaken;
            this.network = network;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at >= bytes.length) {
                return -1;
            }
            if (at == split) {
                firstPartTaken.countDown();
                try {
                    network.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            int end = at < split ? split : bytes.length;
            int n = Math.min(len, end - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }
}
