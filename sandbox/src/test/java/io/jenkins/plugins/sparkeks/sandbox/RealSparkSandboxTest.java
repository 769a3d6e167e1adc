package io.jenkins.plugins.sparkeks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.submit.DriverSpec;
import io.jenkins.plugins.sparkeks.core.k8s.submit.DriverSpecBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real Spark 3.5.6 drivers in the sandbox, created as the core creates them (pod, spark.properties ConfigMap,
 * Service) for the EMR image's examples jar. Each test starts one driver JVM; they take a few seconds each.
 * SparkPi itself runs in the CLI's {@code demo --real-spark} test.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RealSparkSandboxTest {

    private static final String NS = "spark-real";
    private static final String IMAGE = "public.ecr.aws/emr-on-eks/spark/emr-7.5.0:latest";
    private static final String EXAMPLES = "local:///usr/lib/spark/examples/jars/spark-examples.jar";
    private static final String APPS = "io.jenkins.plugins.sparkeks.sparkapps.";
    private static final Duration RUN = Duration.ofSeconds(60);

    private static KubernetesSandbox sandbox;
    private static KubernetesClient client;
    private static ProxyGet proxy;

    @BeforeAll
    static void start() {
        sandbox = KubernetesSandbox.startWithRealSpark(
                SparkRuntime.at(Path.of(System.getProperty("sandbox.sparkRuntime"))));
        client = sandbox.client();
        proxy = new ProxyGet(client);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void multiStageJobLogsSparksOwnOutputServesItsUiThroughBothProxyPathsAndExitsZero() throws Exception {
        DriverSpec spec = submit("slow", APPS + "SlowStages", "2", "400");
        String pod = spec.names().podName();

        String appId = awaitApplication(pod);
        assertThat(get(podProxy(pod, "4040", "/api/v1/applications")).body()).contains("\"name\" : \"slow\"");
        // named as the pod's spark-app-selector label, as a driver on Kubernetes names its application
        assertThat(appId).isEqualTo(spec.names().appId());
        ProxyGet.Reply jobs = get("/api/v1/namespaces/" + NS + "/services/" + spec.names().serviceName()
                + ":spark-ui/proxy/api/v1/applications/" + appId + "/jobs");
        assertThat(jobs.code()).isEqualTo(200);
        assertThat(jobs.body()).contains("\"jobId\" : 0");

        ContainerStateTerminated end = awaitTermination(pod);
        assertThat(end.getExitCode()).isZero();
        assertThat(end.getReason()).isEqualTo("Completed");
        assertThat(phase(pod)).isEqualTo("Succeeded");
        String log = log(pod);
        assertThat(log).contains("INFO SparkContext: Running Spark version 3.5.6",
                "INFO DAGScheduler: Submitting ShuffleMapStage 0", "INFO DAGScheduler: Job 1 finished",
                "job 2 of 2 summed 120");
        // the UI ended with the driver: the proxy answers as the API server does when nothing listens
        assertThat(get(podProxy(pod, "4040", "/api/v1/applications")).code()).isEqualTo(503);
    }

    @Test
    void driverThatSwallowsAFailedSparkJobExitsZeroWithTheTaskErrorInItsLog() {
        String pod = submit("swallow", APPS + "SwallowedJobFailure").names().podName();

        ContainerStateTerminated end = awaitTermination(pod);
        assertThat(end.getExitCode()).isZero();
        assertThat(log(pod)).contains("sandbox task failed on purpose", "Job 1 failed",
                "ERROR SwallowedJobFailure: The job failed and is ignored");
    }

    @Test
    void driverThatThrowsEndsFailedWithTheProcessExitCode() {
        String pod = submit("throws", APPS + "ThrowingDriver").names().podName();

        ContainerStateTerminated end = awaitTermination(pod);
        assertThat(end.getExitCode()).isEqualTo(1);
        assertThat(end.getReason()).isEqualTo("Error");
        assertThat(phase(pod)).isEqualTo("Failed");
        assertThat(log(pod)).contains("Exception in thread \"main\" java.lang.IllegalStateException: "
                + "sandbox driver threw on purpose");
    }

    @Test
    void deletingTheDriverPodMidJobKillsItsJvm() throws Exception {
        String pod = submit("killed", APPS + "SlowStages", "100", "1000").names().podName();
        String appId = awaitApplication(pod);
        await().atMost(RUN).until(() -> get(podProxy(pod, "4040", "/api/v1/applications/" + appId + "/jobs"))
                .body().contains("\"status\" : \"RUNNING\""));
        ProcessHandle jvm = sandbox.driverProcess(NS, pod).orElseThrow();

        client.pods().inNamespace(NS).withName(pod).delete();

        assertThat(jvm.onExit().get(15, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(sandbox.driverProcess(NS, pod)).isEmpty();
    }

    private static DriverSpec submit(String app, String mainClass, String... args) {
        return submitting(SparkSubmitRequest.builder(app).namespace(NS).image(IMAGE).mainClass(mainClass)
                .primaryResource(EXAMPLES).appArgs(args).build());
    }

    /** What the core's submitter creates: the pod first, then what it owns. */
    private static DriverSpec submitting(SparkSubmitRequest request) {
        DriverSpec spec = new DriverSpecBuilder().build(request, new SubmissionKey("real:" + UUID.randomUUID()),
                sandbox.url(), null);
        client.pods().inNamespace(NS).resource(spec.pod()).create();
        client.configMaps().inNamespace(NS).resource(spec.configMap()).create();
        client.services().inNamespace(NS).resource(spec.service()).create();
        return spec;
    }

    /**
     * The application's id once its REST API answers: the UI port is bound a moment before the context is up, and
     * until then Spark answers every path with an HTML page saying it is starting.
     */
    private static String awaitApplication(String pod) {
        String path = podProxy(pod, "4040", "/api/v1/applications");
        await().atMost(RUN).until(() -> {
            ProxyGet.Reply r = get(path);
            return r.code() == 200 && String.valueOf(r.contentType()).contains("json")
                    && r.body().contains("\"id\"");
        });
        return call(path).replaceAll("(?s).*?\"id\" : \"([^\"]+)\".*", "$1");
    }

    private static String call(String path) {
        try {
            return get(path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String podProxy(String pod, String port, String path) {
        return "/api/v1/namespaces/" + NS + "/pods/" + pod + ":" + port + "/proxy" + path;
    }

    private static ProxyGet.Reply get(String path) throws Exception {
        return proxy.get(path);
    }

    private static ContainerStateTerminated awaitTermination(String pod) {
        await().atMost(RUN).until(() -> terminated(pod) != null);
        return terminated(pod);
    }

    private static ContainerStateTerminated terminated(String pod) {
        Pod p = client.pods().inNamespace(NS).withName(pod).get();
        return p == null || p.getStatus() == null || p.getStatus().getContainerStatuses().isEmpty() ? null
                : p.getStatus().getContainerStatuses().get(0).getState().getTerminated();
    }

    private static String phase(String pod) {
        return client.pods().inNamespace(NS).withName(pod).get().getStatus().getPhase();
    }

    private static String log(String pod) {
        return client.pods().inNamespace(NS).withName(pod).inContainer(SparkLabels.DRIVER_CONTAINER).getLog();
    }
}
