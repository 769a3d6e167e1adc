package io.jenkins.plugins.sparkeks.core.insight;

import com.github.luben.zstd.ZstdInputStream;
import com.ning.compress.lzf.LZFInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.xerial.snappy.SnappyInputStream;

/**
 * The codecs Spark compresses event logs with ({@code spark.eventLog.compression.codec}), named by the short name Spark
 * appends to the log's file name. Each reads the stream format Spark's {@code CompressionCodec} writes: lz4-java's
 * block stream, compress-lzf's chunked stream, snappy-java's own framing and a zstd frame.
 */
enum EventLogCodec {
    LZ4("lz4") {
        @Override
        InputStream decode(InputStream in) {
            // Spark writes with the stream's default xxhash seed; the pure-Java safe decompressor keeps a damaged or
            // hostile log from reaching native or unsafe memory code
            return LZ4BlockInputStream.newBuilder()
                    .withDecompressor(LZ4Factory.safeInstance().safeDecompressor())
                    .withChecksum(XXHashFactory.safeInstance().newStreamingHash32(LZ4_SEED).asChecksum())
                    .withStopOnEmptyBlock(false)
                    .build(in);
        }
    },
    LZF("lzf") {
        @Override
        InputStream decode(InputStream in) throws IOException {
            return new LZFInputStream(in);
        }
    },
    SNAPPY("snappy") {
        @Override
        InputStream decode(InputStream in) throws IOException {
            return new SnappyInputStream(in);
        }
    },
    ZSTD("zstd") {
        @Override
        InputStream decode(InputStream in) throws IOException {
            return new ZstdInputStream(in);
        }
    };

    /** lz4-java's LZ4BlockOutputStream default seed, which Spark's LZ4 codec passes explicitly. */
    private static final int LZ4_SEED = 0x9747b28c;

    private final String shortName;

    EventLogCodec(String shortName) {
        this.shortName = shortName;
    }

    String shortName() {
        return shortName;
    }

    abstract InputStream decode(InputStream in) throws IOException;

    /** The codec a log file's name announces ({@code <appId>.zstd}, {@code events_1_<appId>.lz4.inprogress}). */
    static Optional<EventLogCodec> ofFileName(String name) {
        String plain = name.endsWith(".inprogress") ? name.substring(0, name.length() - ".inprogress".length()) : name;
        return Arrays.stream(values()).filter(c -> plain.endsWith("." + c.shortName)).findFirst();
    }
}
