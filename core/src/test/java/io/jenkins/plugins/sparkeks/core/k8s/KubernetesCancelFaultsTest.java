package io.jenkins.plugins.sparkeks.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a driver pod on the fabric8 mock when the DELETE fails: its requests are sent to a closed port (no
 * answer, as in an outage) as many times as the test asks, then reach the mock again.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesCancelFaultsTest {

    static KubernetesMockServer server;
    static KubernetesClient mockClient;

    static final String NS = "spark";
    private final AtomicInteger failingDeletes = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private ScheduledExecutorService scheduler;
    private DriverInformerRegistry informers;
    private KubernetesClient client;
    private KubernetesBackend backend;
    private DriverPods pods;

    @BeforeEach
    void setUp() {
        // no client-level retries: each DELETE the backend sends is one request the test can count
        client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(mockClient.getConfiguration()).withRequestRetryBackoffLimit(0).build())
                .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("faults", deleteFaults()))
                .build();
        scheduler = Executors.newScheduledThreadPool(2);
        informers = new DriverInformerRegistry(scheduler);
        backend = new KubernetesBackend(client, DriverPods.CLUSTER, WatchMachinery.of(informers, scheduler), Duration.ofSeconds(1));
        pods = new DriverPods(client, NS);
    }

    @AfterEach
    void tearDown() {
        informers.close();
        scheduler.shutdownNow();
        client.close();
    }

    private Interceptor deleteFaults() {
        return new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if ("DELETE".equals(request.method()) && request.uri().getPath().contains("/pods/")) {
                    deletes.incrementAndGet();
                    if (failingDeletes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        builder.uri(URI.create("http://127.0.0.1:1" + request.uri().getRawPath()));
                    }
                }
            }
        };
    }

    private DriverPodReference running(String name) {
        DriverPodReference ref = backend.submit(SparkSubmitRequest.builder(name).namespace(NS).image("apache/spark:3.5.6")
                .mainClass("org.apache.spark.examples.SparkPi")
                .primaryResource("local:///opt/spark/examples/jars/spark-examples.jar").build(),
                new SubmissionKey("job/" + name + "#1"), new RecordingObserver());
        pods.running(ref.podName());
        return ref;
    }

    @Test
    void aDeleteThatFailsTwiceIsSentAgainAndTheCancelIsConfirmed() {
        DriverPodReference ref = running("retried");
        failingDeletes.set(2);

        JobResult r = backend.cancel(ref, Duration.ZERO);

        assertThat(r.state()).isEqualTo(JobState.CANCELLED);
        assertThat(r.cancelConfirmed()).isTrue();
        assertThat(deletes.get()).isEqualTo(3);
        assertThat(pods.get(ref.podName())).isNull();
    }

    @Test
    void aDeleteThatAlwaysFailsIsReportedAsNotConfirmed() {
        DriverPodReference ref = running("stuck");
        failingDeletes.set(Integer.MAX_VALUE);
        long t0 = System.nanoTime();

        JobResult r = backend.cancel(ref, Duration.ZERO);

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.cancelConfirmed()).isFalse();
        assertThat(r.state()).isEqualTo(JobState.CANCELLING);
        assertThat(r.reason()).isEqualTo(JobResult.CANCEL_NOT_CONFIRMED);
        assertThat(r.message()).contains("did not get through").contains("no answer from the API server")
                .contains("may still be running");
        assertThat(deletes.get()).isGreaterThan(1);
        assertThat(pods.get(ref.podName())).isNotNull();
    }

    @Test
    void aWatchSendsAFailedDeleteAgainAndConfirmsTheCancel() throws Exception {
        DriverPodReference ref = running("watched");
        RecordingObserver observer = new RecordingObserver();
        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer);
        failingDeletes.set(2);

        JobResult r = watch.cancel("Build aborted.").get(20, TimeUnit.SECONDS);

        assertThat(r.state()).isEqualTo(JobState.CANCELLED);
        assertThat(r.cancelConfirmed()).isTrue();
        assertThat(deletes.get()).isEqualTo(3);
        assertThat(observer.diagnostics).anyMatch(d -> d.contains("no answer from the API server") && d.contains("trying again"));
    }

    @Test
    void aPodThatDoesNotGoAwayIsReportedAsNotConfirmed() {
        DriverPodReference ref = running("finalized");
        // a finalizer keeps the deleted pod in the API until someone removes it, as a stuck node would
        client.pods().inNamespace(NS).withName(ref.podName()).edit(p -> new PodBuilder(p).editMetadata()
                .addToFinalizers("example.com/hold").endMetadata().build());

        JobResult r = backend.cancel(ref, Duration.ZERO);

        assertThat(r.cancelConfirmed()).isFalse();
        assertThat(r.reason()).isEqualTo(JobResult.CANCEL_NOT_CONFIRMED);
        assertThat(r.message()).contains("was still there");
        assertThat(deletes.get()).isEqualTo(1);
    }
}
