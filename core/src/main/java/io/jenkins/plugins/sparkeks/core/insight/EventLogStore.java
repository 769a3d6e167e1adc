package io.jenkins.plugins.sparkeks.core.insight;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A place Spark writes event logs to ({@code spark.eventLog.dir}) that this process can read. */
public interface EventLogStore {

    /** True when this store reads directories of that form ({@code s3a://...}, {@code file:/...}). */
    boolean handles(String dir);

    /** Names of the entries directly under {@code dir} that start with {@code prefix}. */
    List<String> list(String dir, String prefix) throws IOException;

    InputStream open(String dir, String name) throws IOException;
}
