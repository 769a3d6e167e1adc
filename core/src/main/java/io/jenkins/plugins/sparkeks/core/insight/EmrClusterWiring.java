package io.jenkins.plugins.sparkeks.core.insight;

import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Insight's wiring for an EMR on EKS run whose caller opted into cluster access: the client of the virtual cluster's
 * EKS cluster, so the driver pod is read the same way as for spark-submit. Connecting may fail (no EKS access, no
 * eks:DescribeCluster); the run must not, so the failure becomes the one "insight unavailable" line.
 */
public final class EmrClusterWiring {

    private EmrClusterWiring() {}

    /**
     * @param withoutCluster  the wiring used when cluster access is off or fails (event logs, machinery)
     * @param clusterAccess   whether the caller asked for cluster access; when false nothing is looked up or connected
     * @param eksClusterName  finds the virtual cluster's EKS cluster
     * @param connect         connects to an EKS cluster by name (the shared, cached connector)
     */
    public static InsightWiring wire(InsightWiring withoutCluster, boolean clusterAccess, Supplier<String> eksClusterName,
            Function<String, ClusterConnection> connect) {
        if (!clusterAccess) {
            return withoutCluster;
        }
        String name = null;
        try {
            name = eksClusterName.get();
            ClusterConnection connection = connect.apply(name);
            return new InsightWiring(connection.client(), connection.coordinates(), withoutCluster.machinery(),
                    withoutCluster.eventLogs(), withoutCluster.uiGrace(), null);
        } catch (RuntimeException e) {
            String what = name == null ? "its EKS cluster was not found" : "EKS cluster " + name + " refused the connection";
            return withoutCluster.withoutClientBecause(what + ": " + firstLine(e));
        }
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
