package io.jenkins.plugins.sparkeks.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl get pod NAME} as a poll loop would run it: one process per poll, each opening its own
 * connection. Measured over a few calls and scaled to N jobs polled every {@link #INTERVAL_SECONDS}; when kubectl
 * is not installed, {@link #measure} says so and the caller models the loop from its requests instead.
 */
final class KubectlAnchor {

    /** The interval of {@code watch kubectl get pod}, the loop people write by hand. */
    static final double INTERVAL_SECONDS = 2;

    record Call(double wallMs, double cpuMs, double requests, long rss) {}

    private KubectlAnchor() {}

    static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    /** Per-call figures of {@code calls} consecutive {@code kubectl get pod} calls on an existing pod. */
    static Call measure(BenchContext context, String namespace, String pod, int calls) throws Exception {
        Path work = context.workDir();
        Path kubeconfig = work.resolve("bench-kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: bench, cluster: {server: "%s"}}]
                users: [{name: bench, user: {token: bench}}]
                contexts: [{name: bench, context: {cluster: bench, user: bench, namespace: %s}}]
                current-context: bench
                """.formatted(context.servers().info("k8s.url"), namespace));
        Path script = work.resolve("kubectl-loop.sh");
        // -v=6 logs one line per HTTP request, which is how the loop's API load is counted
        Files.writeString(script, "for i in $(seq " + calls + "); do kubectl get pod " + pod
                + " -o 'jsonpath={.status.phase}' -v=6 2>&1 >/dev/null | grep -c ' in [0-9]* milliseconds'; done\n");
        ChildProcess.Result r = ChildProcess.run(List.of("bash", script.toString()), work,
                Map.of("KUBECONFIG", kubeconfig.toString(), "HOME", work.toString()),
                EngineClients.apiPort(context.servers()), 120);
        double requests = 0;
        for (String line : r.output().split("\n")) {
            if (line.matches("\\d+")) {
                requests += Integer.parseInt(line);
            }
        }
        return new Call(r.wallMs() / calls, r.cpuMs() / calls, requests / calls, r.peakRss());
    }
}
