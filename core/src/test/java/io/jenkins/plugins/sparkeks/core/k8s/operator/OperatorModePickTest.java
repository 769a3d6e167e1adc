package io.jenkins.plugins.sparkeks.core.k8s.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mode {@code operator} and the named modes against the CRDs a (mock) cluster has installed. */
@EnableKubernetesMockClient(crud = true)
class OperatorModePickTest {

    static final String NS = "spark";
    KubernetesMockServer server;
    KubernetesClient client;
    ScheduledExecutorService scheduler;
    SparkApplicationInformers informers;
    WatchMachinery machinery;

    @BeforeEach
    void setUp() {
        scheduler = Executors.newScheduledThreadPool(1);
        machinery = WatchMachinery.of(new DriverInformerRegistry(scheduler), scheduler);
        informers = new SparkApplicationInformers(scheduler);
    }

    @AfterEach
    void tearDown() {
        informers.close();
        scheduler.shutdownNow();
    }

    SparkOperatorBackend backend(SubmissionMode mode) {
        return new SparkOperatorBackend(client, DriverPods.CLUSTER, informers, machinery, mode);
    }

    SparkApplicationReference submit(SubmissionMode mode, String name, RecordingObserver observer) {
        return backend(mode).submit(SparkOperatorBackendTest.request(name), new SubmissionKey("job/" + name + "#1"), observer,
                WaitOptions.DEFAULT);
    }

    long applications(OperatorKind kind, String version) {
        return client.genericKubernetesResources(kind.context(version)).inNamespace(NS).list().getItems().size();
    }

    @Test
    void operatorPicksTheOnlyInstalledOperator() {
        OperatorCrds.install(client, OperatorKind.APACHE);
        RecordingObserver observer = new RecordingObserver();
        SparkApplicationReference ref = submit(SubmissionMode.OPERATOR, "pick-apache", observer);
        assertThat(ref.apiVersion()).isEqualTo("spark.apache.org/v1");
        assertThat(client.genericKubernetesResources(OperatorKind.APACHE.context("v1")).inNamespace(NS).withName(ref.name()).get())
                .isNotNull();
        assertThat(String.join("\n", observer.diagnostics)).contains("mode 'operator'", "Apache Spark Kubernetes Operator");
    }

    @Test
    void operatorPicksKubeflowWhenOnlyItIsInstalled() {
        OperatorCrds.install(client, OperatorKind.KUBEFLOW);
        SparkApplicationReference ref = submit(SubmissionMode.OPERATOR, "pick-kubeflow", new RecordingObserver());
        assertThat(ref.apiVersion()).as("Kubeflow references look as before").isNull();
        assertThat(applications(OperatorKind.KUBEFLOW, "v1beta2")).isEqualTo(1);
    }

    @Test
    void anOlderApacheOperatorServingOnlyV1beta1GetsV1beta1() {
        OperatorCrds.install(client, OperatorKind.APACHE, "v1beta1");
        SparkApplicationReference ref = submit(SubmissionMode.OPERATOR_APACHE, "pick-beta", new RecordingObserver());
        assertThat(ref.apiVersion()).isEqualTo("spark.apache.org/v1beta1");
        assertThat(applications(OperatorKind.APACHE, "v1beta1")).isEqualTo(1);
    }

    @Test
    void bothInstalledIsRefusedBeforeAnythingIsCreatedNamingBothModes() {
        OperatorCrds.install(client, OperatorKind.APACHE);
        OperatorCrds.install(client, OperatorKind.KUBEFLOW);
        assertThatThrownBy(() -> submit(SubmissionMode.OPERATOR, "pick-both", new RecordingObserver()))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("mode")
                .hasMessageContaining("sparkapplications.sparkoperator.k8s.io")
                .hasMessageContaining("sparkapplications.spark.apache.org")
                .hasMessageContaining("'operator-kubeflow'")
                .hasMessageContaining("'operator-apache'");
        assertThat(applications(OperatorKind.APACHE, "v1") + applications(OperatorKind.KUBEFLOW, "v1beta2")).isZero();

        SparkApplicationReference ref = submit(SubmissionMode.OPERATOR_APACHE, "pick-both", new RecordingObserver());
        assertThat(ref.apiVersion()).as("naming one settles it").isEqualTo("spark.apache.org/v1");
    }

    @Test
    void noOperatorIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> submit(SubmissionMode.OPERATOR, "pick-none", new RecordingObserver()))
                .isInstanceOf(InvalidJobSpecException.class)
                .satisfies(e -> System.out.println("[asf-console] ERROR: " + e.getMessage()))
                .hasMessageContaining("found no Spark operator")
                .hasMessageContaining("mode 'submit'");
    }

    @Test
    void aNamedOperatorThatIsMissingPointsAtTheInstalledOne() {
        OperatorCrds.install(client, OperatorKind.KUBEFLOW);
        assertThatThrownBy(() -> submit(SubmissionMode.OPERATOR_APACHE, "pick-missing", new RecordingObserver()))
                .isInstanceOf(InvalidJobSpecException.class)
                .satisfies(e -> System.out.println("[asf-console] ERROR: " + e.getMessage()))
                .hasMessageContaining("Apache Spark Kubernetes Operator is not installed")
                .hasMessageContaining("use mode 'operator-kubeflow'");
        assertThat(applications(OperatorKind.APACHE, "v1")).isZero();
    }
}
