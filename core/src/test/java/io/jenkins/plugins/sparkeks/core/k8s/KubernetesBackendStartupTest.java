package io.jenkins.plugins.sparkeks.core.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.jenkins.plugins.sparkeks.core.k8s.watch.FakeLogServer;
import io.jenkins.plugins.sparkeks.core.k8s.watch.RecordingObserver;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a watch starts: what it waits on before the driver pod's state (and so its log) can arrive. */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendStartupTest {

    static KubernetesMockServer server;

    private static final String NS = "startup";

    private final List<Integer> informersAtOutcomeRead = new CopyOnWriteArrayList<>();
    private FakeLogServer logServer;
    private KubernetesClient client;
    private ScheduledExecutorService scheduler;
    private DriverInformerRegistry informers;
    private KubernetesBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        logServer = new FakeLogServer();
        Interceptor outcomeReads = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if ("GET".equals(request.method()) && request.uri().getPath().contains("/configmaps/spark-on-eks-outcome-")) {
                    informersAtOutcomeRead.add(informers.activeInformers());
                }
            }
        };
        client = server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h
                .addOrReplaceInterceptor("logs", logServer.interceptor())
                .addOrReplaceInterceptor("outcomeReads", outcomeReads)));
        scheduler = Executors.newScheduledThreadPool(2);
        informers = new DriverInformerRegistry(scheduler);
        backend = new KubernetesBackend(client, DriverPods.CLUSTER, informers, scheduler);
    }

    @AfterEach
    void tearDown() {
        informers.close();
        scheduler.shutdownNow();
        client.close();
        logServer.close();
    }

    @Test
    void theNamespaceInformerStartsBeforeTheRecordedOutcomeIsReadAndStopsWithTheLastWatch() {
        RecordingObserver observer = new RecordingObserver();
        DriverPodReference ref = backend.submit(SparkSubmitRequest.builder("early").namespace(NS).image("apache/spark:3.5.6")
                .mainClass("org.apache.spark.examples.SparkPi").primaryResource("local:///opt/spark/examples/jars/spark-examples.jar")
                .build(), new SubmissionKey("job/early#1"), observer);
        assertThat(informers.activeInformers()).isZero();

        JobWatch watch = backend.watch(ref, WaitOptions.DEFAULT, observer);

        // the informer's first list and the outcome read go out together: the first state (and with it an ended
        // driver's log request) no longer waits for one round trip after the other
        assertThat(informersAtOutcomeRead).as("pod informers running when the outcome record was read").containsExactly(1);
        DriverPods pods = new DriverPods(client, NS);
        FakeLogServer.PodLog log = logServer.pod(NS, ref.podName());
        log.line(Instant.parse("2026-12-05T05:00:00Z"), "only line");
        log.finish();
        pods.terminated(ref.podName(), "Succeeded", 0, "Completed");
        JobResult result = watch.result().orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(observer.logTexts).containsExactly("only line");
        await().atMost(10, TimeUnit.SECONDS).until(() -> informers.activeInformers() == 0);
    }
}
