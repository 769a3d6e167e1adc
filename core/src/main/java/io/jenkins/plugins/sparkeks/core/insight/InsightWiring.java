package io.jenkins.plugins.sparkeks.core.insight;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;

/**
 * How insight reaches one cluster's drivers.
 *
 * @param client     the cluster's client (its credentials, TLS and proxy); null when the caller cannot reach the
 *                   cluster (EMR on EKS without cluster access): insight then says so once and reads nothing live
 * @param clusterKey names the cluster for its request budget, without a credential
 * @param machinery  the process-wide scheduler and budgets
 * @param eventLogs  reads event logs after the driver ended; null reads none
 * @param uiGrace    how long a running driver's UI may stay silent before insight gives up on it
 * @param noClientReason why {@code client} is null although cluster access was asked for (the EKS cluster of an
 *                   EMR virtual cluster could not be connected); null when it was not asked for
 */
public record InsightWiring(
        KubernetesClient client, Object clusterKey, InsightMachinery machinery, EventLogReader eventLogs, Duration uiGrace,
        String noClientReason) {

    public InsightWiring {
        Objects.requireNonNull(machinery, "machinery");
        clusterKey = clusterKey == null ? "no-cluster" : clusterKey;
        uiGrace = uiGrace == null ? InsightSession.DEFAULT_UI_GRACE : uiGrace;
    }

    public static InsightWiring of(KubernetesClient client, Object clusterKey, InsightMachinery machinery,
            EventLogReader eventLogs) {
        return new InsightWiring(client, clusterKey, machinery, eventLogs, null, null);
    }

    public InsightWiring withUiGrace(Duration d) {
        return new InsightWiring(client, clusterKey, machinery, eventLogs, d, noClientReason);
    }

    /** No client, because connecting to the cluster failed for {@code reason} (said once on the console; no secret). */
    public InsightWiring withoutClientBecause(String reason) {
        return new InsightWiring(null, clusterKey, machinery, eventLogs, uiGrace, reason);
    }
}
