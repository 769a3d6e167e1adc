package io.jenkins.plugins.sparkeks.emulator;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An EMR on EKS virtual cluster as the emulator serves it.
 *
 * @param createdAt            {@code null} means "when it is registered", read from the emulator's clock
 * @param maxConcurrentJobRuns schedulerConfiguration: runs beyond it wait in SUBMITTED until one ends; null = no cap
 * @param maxInQueueJobRuns    schedulerConfiguration: StartJobRun is refused while this many runs are PENDING or
 *                             SUBMITTED; null = no cap
 */
public record VirtualCluster(String id, String name, String eksClusterName, String namespace, String state,
                             Instant createdAt, Integer maxConcurrentJobRuns, Integer maxInQueueJobRuns) {
    private static final Pattern ID = Pattern.compile("[0-9a-z]{1,64}");
    private static final Set<String> STATES = Set.of("RUNNING", "TERMINATING", "TERMINATED", "ARRESTED");

    public VirtualCluster {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eksClusterName, "eksClusterName");
        Objects.requireNonNull(namespace, "namespace");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("virtual cluster id '" + id + "' must match [0-9a-z]{1,64}, as AWS ids do");
        }
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("virtual cluster state '" + state + "' must be one of " + STATES);
        }
        if ((maxConcurrentJobRuns != null && maxConcurrentJobRuns < 1) || (maxInQueueJobRuns != null && maxInQueueJobRuns < 1)) {
            throw new IllegalArgumentException("schedulerConfiguration limits must be at least 1, as AWS requires");
        }
    }

    public VirtualCluster(String id, String name, String eksClusterName, String namespace, String state,
                          Instant createdAt) {
        this(id, name, eksClusterName, namespace, state, createdAt, null, null);
    }

    /** The same cluster with a schedulerConfiguration, as UpdateVirtualCluster sets it; null lifts a limit. */
    public VirtualCluster withScheduler(Integer maxConcurrent, Integer maxInQueue) {
        return new VirtualCluster(id, name, eksClusterName, namespace, state, createdAt, maxConcurrent, maxInQueue);
    }

    public boolean hasScheduler() {
        return maxConcurrentJobRuns != null || maxInQueueJobRuns != null;
    }

    public static VirtualCluster running(String id, String name, String eksClusterName, String namespace) {
        return new VirtualCluster(id, name, eksClusterName, namespace, "RUNNING", null);
    }

    public VirtualCluster withState(String newState) {
        return new VirtualCluster(id, name, eksClusterName, namespace, newState, createdAt, maxConcurrentJobRuns,
                maxInQueueJobRuns);
    }

    public VirtualCluster withCreatedAt(Instant when) {
        return new VirtualCluster(id, name, eksClusterName, namespace, state, when, maxConcurrentJobRuns,
                maxInQueueJobRuns);
    }
}
