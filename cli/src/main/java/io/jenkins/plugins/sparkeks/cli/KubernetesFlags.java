package io.jenkins.plugins.sparkeks.cli;

import java.nio.file.Path;
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
            description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config) when no --cluster-name/--server.")
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
}
