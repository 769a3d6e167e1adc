package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/** Turns a failed API server call into a sentence saying what to fix, without repeating any credential. */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    static String explain(KubernetesClientException e, ClusterAccess access, String where) {
        if (e.getCode() == HttpURLConnection.HTTP_UNAUTHORIZED) {
            String hint = access instanceof ClusterAccess.Eks
                    ? " The IAM identity must be given access to the cluster: an EKS access entry, or a mapping in the"
                    + " aws-auth ConfigMap."
                    : " Check that the token or kubeconfig user is still valid for this cluster.";
            return "The API server of " + where + " did not accept the credentials (401 Unauthorized)." + hint;
        }
        if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
            return "The API server of " + where + " accepted the credentials but refused the request (403 Forbidden).";
        }
        if (e.getCode() > 0) {
            return "The API server of " + where + " answered HTTP " + e.getCode() + ".";
        }
        return "Could not reach the API server of " + where + ": " + rootMessage(e) + "."
                + (access instanceof ClusterAccess.Eks ? " A private EKS endpoint is reachable only from inside its VPC." : "");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
