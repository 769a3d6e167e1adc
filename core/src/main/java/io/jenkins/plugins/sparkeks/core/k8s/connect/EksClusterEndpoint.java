package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.jenkins.plugins.sparkeks.core.job.JobException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * Where an EKS cluster's API server is and which CA signs its certificate, from DescribeCluster. Refuses clusters that
 * are not ACTIVE: their endpoint is absent or about to go away, and jobs sent there would fail in confusing ways.
 *
 * @param server       the API server URL
 * @param caDataBase64 the CA bundle as DescribeCluster returns it: base64 of PEM, which is what fabric8 expects
 */
record EksClusterEndpoint(String server, String caDataBase64) {

    static EksClusterEndpoint describe(EksClient eks, String clusterName, String region) {
        String what = "EKS cluster '" + clusterName + "' in " + region;
        Cluster cluster;
        try {
            cluster = eks.describeCluster(r -> r.name(clusterName)).cluster();
        } catch (ResourceNotFoundException e) {
            throw new JobException(what + " does not exist. Check clusterName and region, and that the credentials "
                    + "belong to the account that owns the cluster.", e);
        } catch (EksException e) {
            throw new JobException("DescribeCluster for " + what + " failed: " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage() + ". The credentials need eks:DescribeCluster on it.", e);
        } catch (SdkException e) {
            // also covers credentials that could not be obtained, e.g. a refused AssumeRole
            throw new JobException("Could not call DescribeCluster for " + what + ": " + e.getMessage(), e);
        }
        if (cluster.status() != ClusterStatus.ACTIVE) {
            throw new JobException(what + " is " + cluster.statusAsString() + ", not ACTIVE. Wait until it is ACTIVE "
                    + "(aws eks wait cluster-active) or choose another cluster.");
        }
        if (cluster.endpoint() == null || cluster.endpoint().isBlank()) {
            throw new JobException(what + " reports no API server endpoint.");
        }
        String ca = cluster.certificateAuthority() == null ? null : cluster.certificateAuthority().data();
        if (ca == null || !isPemCertificate(ca)) {
            throw new JobException(what + " reports no usable certificate authority (expected base64 of a PEM bundle).");
        }
        return new EksClusterEndpoint(cluster.endpoint(), ca.replaceAll("\\s", ""));
    }

    private static boolean isPemCertificate(String base64) {
        try {
            String pem = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.US_ASCII);
            return pem.contains("-----BEGIN CERTIFICATE-----");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
