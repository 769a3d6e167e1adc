package io.jenkins.plugins.sparkeks.core.k8s.connect;

import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * How to reach a Kubernetes API server and authenticate to it. Each variant checks its own fields when built and
 * throws {@link io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException} naming the field and the fix; no variant
 * prints a secret in {@code toString()}. Equal values share one client in {@link ClusterConnector}.
 */
public sealed interface ClusterAccess
        permits ClusterAccess.Eks, ClusterAccess.Kubeconfig, ClusterAccess.ServerToken, ClusterAccess.InCluster {

    /** An EKS cluster found by name through DescribeCluster, authenticated with a token minted from AWS credentials. */
    record Eks(AwsSettings aws, String clusterName) implements ClusterAccess {

        private static final Pattern NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");

        public Eks {
            Validation v = new Validation();
            v.check(aws != null, "region", "is missing.", "Give the AWS region of the EKS cluster, e.g. us-east-1.");
            if (clusterName == null || clusterName.isBlank()) {
                v.error("clusterName", "is missing.", "Give the EKS cluster name as shown by 'aws eks list-clusters'.");
            } else {
                clusterName = clusterName.trim();
                v.check(NAME.matcher(clusterName).matches(), "clusterName",
                        "'" + clusterName + "' is not an EKS cluster name.",
                        "Use 1-100 letters, digits, '-' or '_', starting with a letter or digit.");
            }
            v.throwIfInvalid();
        }
    }

    /**
     * A kubeconfig document, used as kubectl would. {@code context} null means the document's current-context.
     * The content is a secret (it usually holds tokens or keys) and is never shown.
     */
    record Kubeconfig(String content, String context) implements ClusterAccess {

        public Kubeconfig {
            Validation v = new Validation();
            v.check(content != null && !content.isBlank(), "kubeconfig", "is empty.",
                    "Give the whole kubeconfig file, e.g. from a secret file credential.");
            v.throwIfInvalid();
            context = context == null || context.isBlank() ? null : context.trim();
        }

        @Override
        public String toString() {
            return "Kubeconfig[context=" + (context == null ? "(current-context)" : context) + ", content=****]";
        }
    }

    /** An API server URL with a bearer token (e.g. a service-account token), and how to trust its certificate. */
    record ServerToken(String server, String token, String caPem, boolean skipTlsVerify) implements ClusterAccess {

        public ServerToken {
            Validation v = new Validation();
            server = server == null ? null : server.trim();
            checkServer(server, v);
            if (token == null || token.isBlank()) {
                v.error("token", "is missing.", "Give a bearer token, e.g. from a secret text credential.");
            } else {
                token = token.trim();
                // a token with a line break would let a header be injected
                v.check(token.chars().noneMatch(Character::isWhitespace), "token", "contains whitespace.",
                        "Copy the token without spaces or line breaks.");
            }
            caPem = caPem == null || caPem.isBlank() ? null : caPem.strip() + "\n";
            if (caPem != null) {
                v.check(caPem.contains("-----BEGIN CERTIFICATE-----"), "caCertificate", "is not a PEM certificate.",
                        "Give the cluster CA as PEM text starting with -----BEGIN CERTIFICATE-----.");
            }
            v.throwIfInvalid();
        }

        private static void checkServer(String server, Validation v) {
            String fix = "Give the API server URL, e.g. https://203.0.113.10:6443.";
            if (server == null || server.isEmpty()) {
                v.error("server", "is missing.", fix);
                return;
            }
            try {
                URI uri = new URI(server);
                boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
                v.check(web && uri.getHost() != null, "server", "'" + server + "' is not an http(s) URL with a host.",
                        fix);
            } catch (URISyntaxException e) {
                v.error("server", "'" + server + "' is not a URL.", fix);
            }
        }

        @Override
        public String toString() {
            return "ServerToken[server=" + server + ", token=****, caPem=" + (caPem == null ? "none" : "given")
                    + ", skipTlsVerify=" + skipTlsVerify + "]";
        }
    }

    /** The cluster this process runs in, as its pod's service account (token file re-read as the kubelet rotates it). */
    record InCluster() implements ClusterAccess {
    }

    /** A short label for messages; never contains secrets. */
    default String describe() {
        if (this instanceof Eks eks) {
            return "EKS cluster '" + eks.clusterName() + "' in " + eks.aws().region().id();
        }
        if (this instanceof Kubeconfig kc) {
            return "kubeconfig context " + (kc.context() == null ? "(current-context)" : "'" + kc.context() + "'");
        }
        if (this instanceof ServerToken st) {
            return "API server " + st.server();
        }
        return "the cluster this process runs in";
    }
}
