package io.jenkins.plugins.sparkeks.core.k8s.connect;

import java.nio.file.Path;

/**
 * What a pod learns about its cluster: the API service address from the environment and the service-account files
 * mounted by the kubelet. A seam so in-cluster access can be tested outside a pod.
 *
 * @param serviceHost       {@code KUBERNETES_SERVICE_HOST}, null outside a pod
 * @param servicePort       {@code KUBERNETES_SERVICE_PORT}, null outside a pod
 * @param serviceAccountDir the directory holding {@code token}, {@code ca.crt} and {@code namespace}
 */
public record InClusterEnvironment(String serviceHost, String servicePort, Path serviceAccountDir) {

    public static final Path DEFAULT_SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    public static InClusterEnvironment fromSystem() {
        return new InClusterEnvironment(System.getenv("KUBERNETES_SERVICE_HOST"),
                System.getenv("KUBERNETES_SERVICE_PORT"), DEFAULT_SERVICE_ACCOUNT_DIR);
    }

    Path tokenFile() {
        return serviceAccountDir.resolve("token");
    }

    Path caFile() {
        return serviceAccountDir.resolve("ca.crt");
    }

    Path namespaceFile() {
        return serviceAccountDir.resolve("namespace");
    }

    /** The API server URL; IPv6 service addresses need brackets. */
    String serverUrl() {
        String host = serviceHost.contains(":") ? "[" + serviceHost + "]" : serviceHost;
        return "https://" + host + ":" + (servicePort == null || servicePort.isBlank() ? "443" : servicePort);
    }
}
