package io.jenkins.plugins.sparkeks.credentials;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.job.KubernetesTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * How a build reaches its Kubernetes cluster: a kubeconfig from a secret file credential, an API server URL
 * with a token from a secret text credential, or an EKS cluster with the build's AWS identity. Secrets are
 * read here, off the CPS thread, and go straight into the core's access object, which never prints them.
 */
public final class ClusterAccessResolver {

    private final AwsAccessResolver aws;

    public ClusterAccessResolver(AwsAccessResolver aws) {
        this.aws = aws;
    }

    public ClusterAccess access(KubernetesTarget target, Run<?, ?> run) throws IOException {
        if (target.kubeconfigCredentialsId() != null) {
            FileCredentials file = BuildCredentials.find(
                    run, target.kubeconfigCredentialsId(), FileCredentials.class, "kubeconfigCredentialsId");
            try (InputStream in = file.getContent()) {
                return new ClusterAccess.Kubeconfig(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
            }
        }
        if (target.serverUrl() != null) {
            if (target.tokenCredentialsId() == null) {
                throw new AbortException("tokenCredentialsId: is missing for serverUrl " + target.serverUrl()
                        + ". Give a secret text credential holding a bearer token.");
            }
            StringCredentials token = BuildCredentials.find(
                    run, target.tokenCredentialsId(), StringCredentials.class, "tokenCredentialsId");
            return new ClusterAccess.ServerToken(
                    target.serverUrl(), token.getSecret().getPlainText(), null, false);
        }
        return new ClusterAccess.Eks(aws.settings(target.aws(), run), target.clusterName());
    }
}
