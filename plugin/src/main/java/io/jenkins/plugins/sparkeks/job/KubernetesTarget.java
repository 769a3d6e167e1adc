package io.jenkins.plugins.sparkeks.job;

import java.io.Serializable;

/**
 * Which Kubernetes cluster to use and how to authenticate, by reference only: an EKS cluster (through
 * {@code aws}), or any cluster through a kubeconfig file credential, or an API server URL with a token
 * credential.
 *
 * @param aws                     region and AWS identity for an EKS cluster
 * @param clusterName             EKS cluster name
 * @param serverUrl               API server URL of a plain Kubernetes cluster
 * @param kubeconfigCredentialsId id of a secret-file credential holding a kubeconfig
 * @param tokenCredentialsId      id of a secret-text credential holding a bearer token
 */
public record KubernetesTarget(
        AwsTarget aws, String clusterName, String serverUrl, String kubeconfigCredentialsId, String tokenCredentialsId)
        implements Serializable {

    public boolean isEks() {
        return clusterName != null;
    }
}
