package io.jenkins.plugins.sparkeks.core.emr;

import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;

/**
 * The EKS cluster behind the virtual cluster an EMR request names, for front ends that connect to it themselves
 * (Spark insight reading the driver's UI). Resolved the same way the run itself resolves its virtual cluster.
 */
public final class EmrEksCluster {

    private EmrEksCluster() {}

    /**
     * @return the EKS cluster's name
     * @throws io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException when the virtual cluster is unknown or not
     *         RUNNING; an SDK exception when EMR refuses the lookup
     * @throws IllegalStateException when the virtual cluster names no EKS cluster
     */
    public static String nameOf(EmrContainersClient emr, EmrJobRequest request) {
        String name = new VirtualClusterResolver(emr).resolve(request).eksClusterName();
        if (name == null) {
            throw new IllegalStateException("the virtual cluster names no EKS cluster");
        }
        return name;
    }
}
