package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.sparkeks.sandbox.KubernetesSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --namespace the driver goes where kubectl would put it: the kubeconfig context's namespace. */
class KubeconfigNamespaceTest {

    private static KubernetesSandbox sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sandbox = KubernetesSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private Path kubeconfig(String contextNamespace) throws IOException {
        String namespaceLine = contextNamespace == null ? "" : ", namespace: " + contextNamespace;
        return Files.writeString(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: sandbox
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: u
                  user: {token: not-checked-by-the-sandbox}
                contexts:
                - name: team
                  context: {cluster: sandbox, user: u%s}
                current-context: team
                """.formatted(sandbox.url(), namespaceLine));
    }

    private List<String> driverNamespaces(String appName) {
        return sandbox.client().pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith(appName + "-"))
                .map(Pod::getMetadata).map(m -> m.getNamespace()).toList();
    }

    private CliRun submit(Path kubeconfig, String appName, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("submit", "--no-wait", "--kubeconfig",
                kubeconfig.toString(), "--name", appName, "--image", DemoCommand.IMAGE, "--class", "x.Y"));
        args.addAll(List.of(more));
        args.add(DemoCommand.EXAMPLES);
        return CliRun.run(ClusterEngines::new, args.toArray(String[]::new));
    }

    @Test
    void theContextNamespaceIsTheDefault() throws IOException {
        CliRun run = submit(kubeconfig("team-a"), "ctx-ns");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(driverNamespaces("ctx-ns")).containsExactly("team-a");
    }

    @Test
    void anExplicitNamespaceWinsOverTheContext() throws IOException {
        CliRun run = submit(kubeconfig("team-a"), "explicit-ns", "--namespace", "team-b");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(driverNamespaces("explicit-ns")).containsExactly("team-b");
    }

    @Test
    void aNamespaceInConfWinsOverTheContextAsWithSparkSubmit() throws IOException {
        CliRun run = submit(kubeconfig("team-a"), "conf-ns", "--conf", "spark.kubernetes.namespace=team-c");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(driverNamespaces("conf-ns")).containsExactly("team-c");
    }

    @Test
    void anExplicitNamespaceThatDiffersFromConfIsBadInput() throws IOException {
        CliRun run = submit(kubeconfig("team-a"), "clash-ns", "--namespace", "team-b",
                "--conf", "spark.kubernetes.namespace=team-c");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("namespace", "'team-b'", "'team-c'");
        assertThat(driverNamespaces("clash-ns")).isEmpty();
    }

    @Test
    void sparkVersionSelectsSparkFoursOverheadFloor() throws IOException {
        CliRun run = submit(kubeconfig("team-a"), "spark-four", "--spark-version", "4.0.2", "--driver-memory", "2g",
                "--conf", "spark.driver.minMemoryOverhead=1g");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Pod pod = sandbox.client().pods().inNamespace("team-a").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith("spark-four-")).findFirst().orElseThrow();
        assertThat(pod.getMetadata().getLabels()).containsEntry("spark-version", "4.0.2");
        var driver = pod.getSpec().getContainers().get(pod.getSpec().getContainers().size() - 1);
        assertThat(driver.getResources().getLimits().get("memory").toString()).isEqualTo("3072Mi");
    }

    @Test
    void aContextWithoutNamespaceMeansDefault() throws IOException {
        CliRun run = submit(kubeconfig(null), "no-ctx-ns");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(driverNamespaces("no-ctx-ns")).containsExactly("default");
    }
}
