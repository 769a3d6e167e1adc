package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How to reach the Kubernetes API: an EKS cluster by name (token minted from AWS credentials), a kubeconfig
 * context, or a server URL with a bearer token read from a file. Secrets are read from files or the
 * environment, never taken as option values, so they stay out of shell history and process lists.
 */
final class KubernetesFlags {

    @Option(names = "--cluster-name", paramLabel = "NAME",
            description = "EKS cluster name; the API endpoint, CA and a bearer token come from AWS (with --region).")
    String clusterName;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = {"Kubeconfig file when no --cluster-name/--server.",
                    "Default: $KUBECONFIG, then ~/.kube/config."})
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--server", paramLabel = "URL", description = "Kubernetes API server URL (with --token-file).")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the bearer token for --server (default: $SPARK_ON_EKS_TOKEN).")
    Path tokenFile;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM CA bundle of --server.")
    Path caFile;

    @Option(names = "--insecure-skip-tls-verify", description = "Do not verify --server's certificate (tests only).")
    boolean insecureSkipTlsVerify;

    @Mixin
    AwsFlags aws;

    /** The access these flags describe; {@code fallback} (a reference's cluster) is used when no flag names one. */
    ClusterAccess toAccess(ClusterCoordinates fallback) {
        checkConflicts();
        if (clusterName != null) {
            return new ClusterAccess.Eks(aws.toSettings(null), clusterName);
        }
        if (server != null) {
            return new ClusterAccess.ServerToken(server, token(), read(caFile, "ca-file"), insecureSkipTlsVerify);
        }
        Path config = kubeconfigPath();
        if (kubeconfig == null && context == null && fallback != null && fallback.clusterName() != null) {
            return new ClusterAccess.Eks(aws.toSettings(fallback.region()), fallback.clusterName());
        }
        if (config == null && System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            return new ClusterAccess.InCluster();
        }
        if (config == null) {
            throw new InvalidJobSpecException(List.of(new FieldError("kubeconfig", "no cluster was given and no "
                    + "kubeconfig was found.", "Pass --cluster-name with --region for EKS, --server with "
                    + "--token-file, or --kubeconfig FILE.")));
        }
        return new ClusterAccess.Kubeconfig(read(config, "kubeconfig"), context);
    }

    /** Two ways to the cluster at once is a mistake to point out, not a precedence rule to guess. */
    void checkConflicts() {
        List<FieldError> errors = new ArrayList<>();
        String way = clusterName != null ? "--cluster-name" : server != null ? "--server" : null;
        if (clusterName != null && server != null) {
            errors.add(conflict("server", "--cluster-name"));
        }
        if (way != null && kubeconfig != null) {
            errors.add(conflict("kubeconfig", way));
        }
        if (way != null && context != null) {
            errors.add(conflict("context", way));
        }
        if (!errors.isEmpty()) {
            throw new InvalidJobSpecException(errors);
        }
    }

    private static FieldError conflict(String option, String other) {
        return new FieldError(option, "cannot be combined with " + other + ": each names the cluster another way.",
                "Give only one of --cluster-name (EKS), --server with --token-file, or --kubeconfig/--context.");
    }

    private Path kubeconfigPath() {
        if (kubeconfig != null) {
            return kubeconfig;
        }
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            // kubectl merges a list; the first file is the one that names the current context in practice
            return Path.of(env.split(java.io.File.pathSeparator)[0]);
        }
        Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
        return Files.isRegularFile(home) ? home : null;
    }

    private String token() {
        if (tokenFile != null) {
            return read(tokenFile, "token-file");
        }
        return System.getenv("SPARK_ON_EKS_TOKEN");
    }

    /** Reads a file the user named; the message names the option and never the content. */
    private static String read(Path file, String option) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidJobSpecException(List.of(new FieldError(option, "'" + file + "' cannot be read.",
                    "Give the path of a readable file.")));
        }
    }
}
