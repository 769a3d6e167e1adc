package io.jenkins.plugins.sparkeks.bench;

import java.nio.file.Path;

/**
 * What scenarios share: the options and the servers' JVM, started on first use and closed after the run. The
 * engine under test lives in this JVM; every server lives in the other.
 */
public final class BenchContext implements AutoCloseable {

    static final String SERVER_LOG = "bench-servers.log";

    private final BenchOptions options;
    private final String classPath;
    private ServerProcess servers;

    BenchContext(BenchOptions options, String classPath) {
        this.options = options;
        this.classPath = classPath;
    }

    public BenchOptions options() {
        return options;
    }

    /** The class path this JVM runs with, for child JVMs (servers, the CLI) started from the same jars. */
    public String classPath() {
        return classPath;
    }

    public Path workDir() {
        return options.workDir();
    }

    synchronized ServerProcess servers() {
        if (servers == null) {
            servers = ServerProcess.start(classPath, options.workDir());
        }
        return servers;
    }

    @Override
    public synchronized void close() {
        if (servers != null) {
            servers.close();
        }
    }
}
