package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The driver pod's own log, when the caller can also reach the virtual cluster's Kubernetes namespace: the
 * freshest source while the driver runs. EMR names the pod {@code spark-<jobRunId>-driver}.
 */
public interface DriverPodLogs {

    /**
     * Starts following a driver pod's log after {@code position} (a value {@link PodLog#position()} returned
     * earlier, or null for the first line).
     */
    PodLog follow(String namespace, String podName, String position, LogSink sink, Consumer<String> diagnostics);

    /** One followed pod log. */
    interface PodLog {

        /** The driver has ended: read to the end, then complete {@link #drained()}. */
        void podTerminated();

        /** True when the whole log was delivered, false when the pod went away (or stopped) first. */
        CompletableFuture<Boolean> drained();

        void stop();

        /** Where a resumed follower continues; null before the first line. */
        String position();

        /** The timestamp of the last delivered line; null before the first line. */
        Instant lastTimestamp();
    }
}
