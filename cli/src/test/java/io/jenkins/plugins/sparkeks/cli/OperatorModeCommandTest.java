package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.operator.OperatorKind;
import io.jenkins.plugins.sparkeks.sandbox.KubernetesSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit --mode operator...}, then {@code status} and {@code cancel} by reference, on the sandbox API server. */
class OperatorModeCommandTest {

    KubernetesSandbox sandbox;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        sandbox = KubernetesSandbox.start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private void install(OperatorKind kind) {
        sandbox.client().apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.crdName()).endMetadata()
                .withNewSpec().withGroup(kind.group()).withScope("Namespaced")
                .withNewNames().withKind("SparkApplication").withPlural("sparkapplications").endNames()
                .addNewVersion().withName(kind.versions().get(0)).withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
    }

    private Path kubeconfig() throws IOException {
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
                  context: {cluster: sandbox, user: u, namespace: spark}
                current-context: team
                """.formatted(sandbox.url()));
    }

    private CliRun run(String... args) {
        return CliRun.run(ClusterEngines::new, args);
    }

    private CliRun submit(String mode, String name) throws IOException {
        List<String> args = new ArrayList<>(List.of("submit", "--no-wait", "--kubeconfig", kubeconfig().toString(),
                "--mode", mode, "--name", name, "--image", DemoCommand.IMAGE, "--class", "x.Y", DemoCommand.EXAMPLES));
        return run(args.toArray(String[]::new));
    }

    private List<GenericKubernetesResource> applications(OperatorKind kind) {
        return sandbox.client().genericKubernetesResources(kind.context(kind.versions().get(0))).inNamespace("spark")
                .list().getItems();
    }

    @Test
    void operatorModeCreatesTheInstalledOperatorsApplicationAndTheReferenceFollowsIt() throws IOException {
        install(OperatorKind.APACHE);
        CliRun submitted = submit("operator", "cli-asf");
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        assertThat(applications(OperatorKind.APACHE)).hasSize(1);
        Matcher ref = Pattern.compile("Reference: (soe1\\.op\\.\\S+)").matcher(submitted.out() + submitted.err());
        assertThat(ref.find()).as(submitted.out() + submitted.err()).isTrue();

        CliRun status = run("status", "--kubeconfig", kubeconfig().toString(), ref.group(1));
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out() + status.err()).contains("SUBMITTED");

        CliRun cancel = run("cancel", "--kubeconfig", kubeconfig().toString(), ref.group(1));
        assertThat(cancel.out() + cancel.err()).contains("CANCELLED");
        assertThat(applications(OperatorKind.APACHE)).isEmpty();
    }

    @Test
    void operatorModeWithBothOperatorsIsBadInputNamingBothChoices() throws IOException {
        install(OperatorKind.APACHE);
        install(OperatorKind.KUBEFLOW);
        CliRun submitted = submit("operator", "cli-both");
        assertThat(submitted.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(submitted.err()).contains("mode", "'operator-kubeflow'", "'operator-apache'",
                "sparkapplications.spark.apache.org", "sparkapplications.sparkoperator.k8s.io");
        assertThat(applications(OperatorKind.APACHE)).isEmpty();
        assertThat(applications(OperatorKind.KUBEFLOW)).isEmpty();
    }

    @Test
    void anUnknownModeIsBadInputBeforeAnyConnection() throws IOException {
        CliRun submitted = submit("yarn", "cli-yarn");
        assertThat(submitted.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(submitted.err()).contains("mode: 'yarn' is not a submission mode.", "operator-apache");
    }
}
