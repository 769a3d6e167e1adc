package io.jenkins.plugins.sparkeks.core.logs;

/** Receives driver log lines in order, each exactly once. */
@FunctionalInterface
public interface LogSink {
    void accept(LogLine line);
}
