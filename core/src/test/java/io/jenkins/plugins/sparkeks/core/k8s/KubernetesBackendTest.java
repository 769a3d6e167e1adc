package io.jenkins.plugins.sparkeks.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.FakeLogServer;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesBackendTest {

    static KubernetesMockServer server;
    static KubernetesClient mockClient;

    static final String NS = "spark";
    static FakeLogServer logServer;
    static KubernetesClient client;
    static ScheduledExecutorService scheduler;
    static DriverInformerRegistry informers;
    static KubernetesBackend backend;
    static DriverPods pods;

    @BeforeAll
    static void setUp() throws Exception {
        logServer = new FakeLogServer();
        client = server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("logs", logServer.interceptor())));
        scheduler = Executors.newScheduledThreadPool(2);
        informers = new DriverInformerRegistry(scheduler);
        backend = new KubernetesBackend(client, DriverPods.CLUSTER, informers, scheduler);
        pods = new DriverPods(client, NS);
    }

    @AfterAll
    static void tearDown() {
        informers.close();
        scheduler.shutdownNow();
        client.close();
        logServer.close();
    }

    static SparkSubmitRequest request(String name) {
        return SparkSubmitRequest.builder(name).namespace(NS).image("apache/spark:3.5.6")
                .mainClass("org.apache.spark.examples.SparkPi").primaryResource("local:///opt/spark/examples/jars/spark-examples.jar")
                .build();
    }

    @Test
    void submitsFollowsTheLogAndJudgesTheDriver() {
        RecordingObserver observer = new RecordingObserver();
        DriverPodReference ref = backend.submit(request("pi"), new SubmissionKey("job/pi#1"), observer);
        assertThat(ref.podUid()).isNotBlank();
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);
        FakeLogServer.PodLog log = logServer.pod(NS, ref.podName());
        pods.running(ref.podName());
        log.line(Instant.parse("2026-11-21T12:00:00Z"), "Pi is roughly 3.14");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.logTexts.contains("Pi is roughly 3.14"));
        assertThat(backend.describe(watch.reference()).state()).isEqualTo(JobState.RUNNING);
        log.finish();
        pods.terminated(ref.podName(), "Succeeded", 0, "Completed");

        JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(result.driverPod()).isEqualTo(ref.podName());
        assertThat(result.sparkAppId()).startsWith("spark-");
        assertThat(observer.logTexts).containsExactly("Pi is roughly 3.14");

        JobResult afterwards = backend.describe(ref);
        assertThat(pods.get(ref.podName())).as("the finished pod was deleted (KEEP_ON_FAILURE after success)").isNull();
        assertThat(afterwards.state()).as("status agrees with the step: the outcome recorded when it ended")
                .isEqualTo(JobState.SUCCEEDED);
        assertThat(afterwards.reason()).isEqualTo("Completed");
        assertThat(afterwards.explanation()).anyMatch(l -> l.contains("Outcome recorded") && l.contains("was removed since"));
    }

    @Test
    void aSecondSubmitUnderTheSameKeyAttachesInsteadOfStartingAnotherDriver() {
        SubmissionKey key = new SubmissionKey("job/twice#7");
        DriverPodReference first = backend.submit(request("twice"), key, new RecordingObserver());
        DriverPodReference second = backend.submit(request("twice"), key, new RecordingObserver());
        assertThat(second.podUid()).isEqualTo(first.podUid());
    }

    @Test
    void cancelDeletesTheDriverAndToleratesAnEndedJob() {
        DriverPodReference ref = backend.submit(request("cancelme"), new SubmissionKey("job/cancel#1"), new RecordingObserver());
        pods.running(ref.podName());
        JobResult cancelled = backend.cancel(ref, Duration.ZERO);
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        Pod gone = pods.get(ref.podName());
        assertThat(gone).isNull();
        assertThat(backend.cancel(ref, Duration.ZERO).reason()).isEqualTo("DriverPodGone");

        DriverPodReference done = backend.submit(request("done"), new SubmissionKey("job/done#1"), new RecordingObserver());
        pods.terminated(done.podName(), "Failed", 1, "Error");
        JobResult ended = backend.cancel(done, Duration.ZERO);
        assertThat(ended.state()).isEqualTo(JobState.FAILED);
        assertThat(pods.get(done.podName())).as("a finished driver is left for inspection").isNotNull();
    }

    @Test
    void refusesReferencesOfAnotherClusterOrBackend() {
        DriverPodReference elsewhere = new DriverPodReference(ClusterCoordinates.eks("eu-west-1", "prod"), NS, "x-driver",
                "uid", null, null, null);
        assertThatThrownBy(() -> backend.describe(elsewhere)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eks:eu-west-1/prod").hasMessageContaining("https://mock.invalid");
        JobReference other = new JobReference() {
            @Override public io.jenkins.plugins.sparkeks.core.result.Backend backend() { return io.jenkins.plugins.sparkeks.core.result.Backend.EMR_ON_EKS; }
            @Override public String displayId() { return "vc/jr"; }
            @Override public io.jenkins.plugins.sparkeks.core.logs.LogCursor logCursor() { return null; }
            @Override public JobReference withLogCursor(io.jenkins.plugins.sparkeks.core.logs.LogCursor c) { return this; }
        };
        assertThatThrownBy(() -> backend.watch(other, WaitOptions.DEFAULT, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EMR_ON_EKS vc/jr");
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnythingIsCreated() {
        int before = client.pods().inNamespace(NS).list().getItems().size();
        assertThatThrownBy(() -> backend.submit(SparkSubmitRequest.builder(" ").namespace("Not_A_Namespace").build(),
                new SubmissionKey("job/bad#1"), new RecordingObserver()))
                .isInstanceOf(InvalidJobSpecException.class).hasMessageContaining("appName").hasMessageContaining("namespace");
        assertThat(client.pods().inNamespace(NS).list().getItems()).hasSize(before);
    }
}
