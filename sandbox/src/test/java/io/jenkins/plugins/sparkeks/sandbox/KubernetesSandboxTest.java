package io.jenkins.plugins.sparkeks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KubernetesSandboxTest {

    private static final String NS = "spark-apps";
    private static KubernetesSandbox sandbox;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        sandbox = KubernetesSandbox.start();
        client = sandbox.client();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void succeedingDriverRunsToSucceededWithExitCodeZeroAndStreamsItsLog() throws Exception {
        sandbox.scripts().forAppName("ok", DriverScript.succeeding(List.of("one", "two", "three")));
        createDriver("ok-driver", "ok", "example.invalid/spark:3.5.6");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        await().atMost(Duration.ofSeconds(10)).until(() -> phase("ok-driver").equals("Running"));
        try (LogWatch watch = client.pods().inNamespace(NS).withName("ok-driver")
                .inContainer(SparkLabels.DRIVER_CONTAINER).watchLog(out)) {
            watch.onClose().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("one\ntwo\nthree\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> phase("ok-driver").equals("Succeeded"));
        ContainerStateTerminated t = terminated("ok-driver");
        assertThat(t.getExitCode()).isZero();
        assertThat(t.getReason()).isEqualTo("Completed");
    }

    @Test
    void failingDriverEndsFailedWithItsExitCode() {
        sandbox.scripts().forAppName("boom", DriverScript.failing(3, List.of("Exception in thread main")));
        createDriver("boom-driver", "boom", "example.invalid/spark:3.5.6");

        await().atMost(Duration.ofSeconds(10)).until(() -> phase("boom-driver").equals("Failed"));
        assertThat(terminated("boom-driver").getExitCode()).isEqualTo(3);
        assertThat(terminated("boom-driver").getReason()).isEqualTo("Error");
        assertThat(client.pods().inNamespace(NS).withName("boom-driver").inContainer(SparkLabels.DRIVER_CONTAINER)
                .getLog()).isEqualTo("Exception in thread main\n");
    }

    @Test
    void timestampsAndSinceTimeSelectLinesLikeTheKubelet() {
        sandbox.scripts().forAppName("ts", DriverScript.succeeding(List.of("a", "b", "c")));
        createDriver("ts-driver", "ts", "example.invalid/spark:3.5.6");
        await().atMost(Duration.ofSeconds(10)).until(() -> phase("ts-driver").equals("Succeeded"));

        String stamped = client.pods().inNamespace(NS).withName("ts-driver").usingTimestamps().getLog();
        List<String> lines = stamped.lines().toList();
        assertThat(lines).hasSize(3);
        String secondStamp = lines.get(1).substring(0, lines.get(1).indexOf(' '));

        String since = client.pods().inNamespace(NS).withName("ts-driver").sinceTime(secondStamp).getLog();
        assertThat(since).isEqualTo("b\nc\n");
        assertThat(client.pods().inNamespace(NS).withName("ts-driver").tailingLines(1).getLog()).isEqualTo("c\n");
    }

    @Test
    void wrongImageStaysPendingWithImagePullBackOffAndAWarningEvent() {
        sandbox.scripts().forImageContaining("does-not-exist", DriverScript.imagePullFailure());
        createDriver("pull-driver", "pull", "example.invalid/does-not-exist:1");

        await().atMost(Duration.ofSeconds(10)).until(() -> client.v1().events().inNamespace(NS).list().getItems()
                .stream().anyMatch(e -> "pull-driver".equals(e.getInvolvedObject().getName())));
        Pod pod = client.pods().inNamespace(NS).withName("pull-driver").get();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("ImagePullBackOff");
    }

    @Test
    void podsWithoutOurLabelAreLeftAlone() {
        client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("other").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .build()).create();
        createDriver("marker-driver", "marker", "example.invalid/spark:3.5.6");

        await().atMost(Duration.ofSeconds(10)).until(() -> phase("marker-driver").equals("Succeeded"));
        // Pending from its creation, as an API server gives it, and never run by the simulated kubelet
        assertThat(client.pods().inNamespace(NS).withName("other").get().getStatus()).satisfies(
                s -> assertThat(s.getPhase()).isEqualTo("Pending"),
                s -> assertThat(s.getContainerStatuses()).isEmpty());
    }

    @Test
    void serverSideApplyCreatesThenReplacesAsSparkSubmitNeeds() {
        var first = new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("applied")
                .withNamespace(NS).endMetadata().addToData("k", "1").build();
        client.configMaps().inNamespace(NS).resource(first).serverSideApply();
        assertThat(client.configMaps().inNamespace(NS).withName("applied").get().getData()).containsEntry("k", "1");
        var second = new io.fabric8.kubernetes.api.model.ConfigMapBuilder(first).withData(java.util.Map.of("k", "2"))
                .build();
        client.configMaps().inNamespace(NS).resource(second).serverSideApply();
        assertThat(client.configMaps().inNamespace(NS).withName("applied").get().getData()).containsEntry("k", "2");
    }

    @Test
    void proxyPathsAnswerAsTheApiServerDoesWhenNothingListensOrNothingIsThere() throws Exception {
        sandbox.scripts().forAppName("quiet", DriverScript.succeeding(List.of("a")).withLineInterval(Duration.ofSeconds(5)));
        createDriver("quiet-driver", "quiet", "example.invalid/spark:3.5.6");
        await().atMost(Duration.ofSeconds(10)).until(() -> phase("quiet-driver").equals("Running"));
        client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("quiet-svc")
                .endMetadata().withNewSpec().addToSelector(SparkLabels.SPARK_APP_NAME, "quiet")
                .addNewPort().withName("spark-ui").withPort(4040).withNewTargetPort(4040).endPort().endSpec()
                .build()).create();

        ProxyGet.Reply scripted = get("/api/v1/namespaces/" + NS + "/pods/quiet-driver:4040/proxy/api/v1/applications");
        assertThat(scripted.code()).isEqualTo(503);
        assertThat(scripted.body()).contains("\"kind\":\"Status\"", "connection refused");
        assertThat(get("/api/v1/namespaces/" + NS + "/services/quiet-svc:spark-ui/proxy/").code()).isEqualTo(503);
        ProxyGet.Reply missing = get("/api/v1/namespaces/" + NS + "/pods/nobody:4040/proxy/");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.body()).contains("\"reason\":\"NotFound\"", "nobody");
        assertThat(get("/api/v1/namespaces/" + NS + "/services/nothing:spark-ui/proxy/").code()).isEqualTo(404);
        // the rest of the API is still the mock's
        assertThat(get("/api/v1/namespaces/" + NS + "/pods/quiet-driver").code()).isEqualTo(200);
    }

    private static ProxyGet.Reply get(String path) throws Exception {
        return new ProxyGet(client).get(path);
    }

    private static void createDriver(String name, String appName, String image) {
        client.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                .addToLabels(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)
                .addToLabels(SparkLabels.SPARK_APP_NAME, appName)
                .endMetadata()
                .withNewSpec().addNewContainer().withName(SparkLabels.DRIVER_CONTAINER).withImage(image).endContainer()
                .withRestartPolicy("Never").endSpec()
                .build()).create();
    }

    private static String phase(String name) {
        Pod pod = client.pods().inNamespace(NS).withName(name).get();
        return pod == null || pod.getStatus() == null || pod.getStatus().getPhase() == null
                ? "" : pod.getStatus().getPhase();
    }

    private static ContainerStateTerminated terminated(String name) {
        return client.pods().inNamespace(NS).withName(name).get().getStatus().getContainerStatuses().get(0)
                .getState().getTerminated();
    }
}
