package io.jenkins.plugins.sparkeks.core.k8s.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DriverInformerRegistryTest {

    static KubernetesMockServer server;
    static KubernetesClient mockClient;

    static final WaitOptions NO_LOGS = WaitOptions.DEFAULT.withFollowLogs(false);
    static ScheduledExecutorService scheduler;

    /** Every request the client sends, as "METHOD path?query". */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Recorded, after the original request, when a pod watch was sent elsewhere. */
    static final String REDIRECTED = "REDIRECTED ";
    /** When set, the next pod watch is sent to this query instead, where an expectation waits. */
    final AtomicReference<String> redirectNextPodWatch = new AtomicReference<>();
    KubernetesClient client;
    DriverInformerRegistry informers;
    WatchMachinery machinery;

    @BeforeAll
    static void startScheduler() {
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stopScheduler() {
        scheduler.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                URI uri = request.uri();
                String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
                requests.add(request.method() + " " + uri.getRawPath() + "?" + query);
                String redirect = query.contains("watch=true") && uri.getRawPath().endsWith("/pods")
                        ? redirectNextPodWatch.getAndSet(null) : null;
                if (redirect != null) {
                    builder.uri(uri.resolve(uri.getRawPath() + "?" + redirect));
                    requests.add(REDIRECTED + redirect);
                }
            }
        };
        client = server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("record", recorder)));
        informers = new DriverInformerRegistry(scheduler);
        machinery = new WatchMachinery(informers, scheduler, LogFollowPolicy.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        informers.close();
        client.close();
    }

    private long count(String method, String pathEnd, String queryPart) {
        return requests.stream()
                .filter(r -> r.startsWith(method + " "))
                .filter(r -> r.substring(0, r.indexOf('?')).endsWith(pathEnd))
                .filter(r -> r.contains(queryPart))
                .count();
    }

    @Test
    void fiftyJobsInOneNamespaceShareOneInformerAndOneWatch() {
        DriverPods pods = new DriverPods(client, "busy");
        List<DriverPodWatch> watches = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            DriverPodReference ref = pods.create("job-" + i + "-driver");
            watches.add(DriverPodWatch.start(client, ref, NO_LOGS, new RecordingObserver(), machinery));
        }
        for (int i = 0; i < 50; i++) {
            pods.running("job-" + i + "-driver");
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> watches.stream().allMatch(w -> w.status().endsWith("Running")));
        assertThat(informers.informersStarted()).isEqualTo(1);
        assertThat(informers.activeInformers()).isEqualTo(1);
        assertThat(count("GET", "/namespaces/busy/pods", "watch=true")).as("pod watches opened").isEqualTo(1);

        for (int i = 0; i < 50; i++) {
            pods.terminated("job-" + i + "-driver", "Succeeded", 0, "Completed");
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> watches.stream().allMatch(w -> w.result().isDone()));
        assertThat(watches).allSatisfy(w -> assertThat(w.result().join().state()).isEqualTo(JobState.SUCCEEDED));
        assertThat(count("GET", "/namespaces/busy/pods", "watch=true")).isEqualTo(1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> informers.activeInformers() == 0);
        assertThat(informers.eventInformerRunning(DriverPods.CLUSTER, "busy")).isFalse();
    }

    @Test
    void anExpiredWatchIsRelistedAndTheJobStillSeesItsVerdict() {
        server.expect().get().withPath("/api/v1/namespaces/expiring/pods?watch=true&expired=1")
                .andUpgradeToWebSocket().open()
                .waitFor(300)
                .andEmit(new WatchEvent(new StatusBuilder().withCode(410).withReason("Expired")
                        .withMessage("too old resource version").build(), "ERROR"))
                .done().once();
        DriverPods pods = new DriverPods(client, "expiring");
        DriverPodReference ref = pods.create("expiring-driver");
        redirectNextPodWatch.set("watch=true&expired=1");
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, NO_LOGS, observer, machinery);
        // The informer has listed and opened the expiring watch: a change made now reaches it only by a relist.
        await().atMost(20, TimeUnit.SECONDS).until(() -> redirectNextPodWatch.get() == null);
        pods.terminated("expiring-driver", "Failed", 2, "Error");

        await().atMost(20, TimeUnit.SECONDS).until(() -> watch.result().isDone());
        JobResult result = watch.result().join();
        assertThat(result.state()).isEqualTo(JobState.FAILED);
        assertThat(result.exitCode()).isEqualTo(2);
        int expiredWatch = requests.indexOf(REDIRECTED + "watch=true&expired=1");
        assertThat(expiredWatch).as("the informer's first watch was the expiring one").isNotNegative();
        assertThat(requests.subList(expiredWatch + 1, requests.size()))
                .as("the 410 on the first watch made the informer list again")
                .anyMatch(r -> r.startsWith("GET /api/v1/namespaces/expiring/pods?")
                        && r.contains("labelSelector") && !r.contains("watch=true"));
    }

    @Test
    void theEventInformerRunsOnlyWhileADriverIsPending() {
        DriverPods pods = new DriverPods(client, "lazy");
        DriverPodReference ref = pods.create("lazy-driver");
        pods.pendingWaiting("lazy-driver", "ContainerCreating", null);
        RecordingObserver observer = new RecordingObserver();
        DriverPodWatch watch = DriverPodWatch.start(client, ref, NO_LOGS, observer, machinery);
        await().atMost(10, TimeUnit.SECONDS).until(() -> informers.eventInformerRunning(DriverPods.CLUSTER, "lazy"));
        pods.event("lazy-driver", "Normal", "Scheduled", "Successfully assigned lazy/lazy-driver to node-1");
        pods.event("other-pod", "Warning", "FailedScheduling", "not about our driver");
        await().atMost(10, TimeUnit.SECONDS).until(() -> observer.diagnostics.contains(
                "Pod event: Normal Scheduled: Successfully assigned lazy/lazy-driver to node-1"));

        pods.running("lazy-driver");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !informers.eventInformerRunning(DriverPods.CLUSTER, "lazy"));
        assertThat(observer.diagnostics).noneMatch(d -> d.contains("not about our driver"));
        assertThat(watch.result()).isNotDone();
        watch.detach();
        await().atMost(10, TimeUnit.SECONDS).until(() -> informers.activeInformers() == 0);
    }

    @Test
    void aNamespaceWhosePodsCannotBeListedFailsTheWatchWithAClearMessage() {
        server.expect().get()
                .withPath("/api/v1/namespaces/locked/pods?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dspark-on-eks&resourceVersion=0")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("pods is forbidden: User \"jenkins\" cannot list resource \"pods\" in the namespace \"locked\"").build())
                .always();
        DriverPodReference ref = new DriverPodReference(DriverPods.CLUSTER, "locked", "any-driver", "uid", null, null, null);
        String token = "k8s-aws-v1.c2VjcmV0LWJlYXJlci10b2tlbg";
        try (KubernetesClient withToken = server.createClient(b -> b.editOrNewConfig().withOauthToken(token).endConfig())) {
            RecordingObserver observer = new RecordingObserver();
            DriverPodWatch watch = DriverPodWatch.start(withToken, ref, NO_LOGS, observer, machinery);
            await().atMost(20, TimeUnit.SECONDS).until(() -> watch.result().isDone());
            assertThat(watch.result()).failsWithin(Duration.ZERO).withThrowableThat()
                    .havingCause().isInstanceOf(JobException.class)
                    .withMessageContaining("Cannot follow driver pod locked:any-driver on https://mock.invalid")
                    .withMessageContaining("cannot list resource")
                    .withMessageNotContaining(token);
            assertThat(observer.diagnostics).noneMatch(d -> d.contains(token));
            await().atMost(10, TimeUnit.SECONDS).until(() -> informers.activeInformers() == 0);
        }
    }

    @Test
    void aBrokenWatchConnectionIsReopenedWithoutLosingTheVerdict() {
        server.expect().get().withPath("/api/v1/namespaces/flaky/pods?watch=true&broken=1")
                .andReturn(500, new StatusBuilder().withCode(500).withMessage("connection reset").build()).once();
        DriverPods pods = new DriverPods(client, "flaky");
        DriverPodReference ref = pods.create("flaky-driver");
        redirectNextPodWatch.set("watch=true&broken=1");
        DriverPodWatch watch = DriverPodWatch.start(client, ref, NO_LOGS, new RecordingObserver(), machinery);
        await().atMost(20, TimeUnit.SECONDS).until(() -> count("GET", "/namespaces/flaky/pods", "watch=true") >= 2);
        pods.terminated("flaky-driver", "Succeeded", 0, "Completed");

        await().atMost(20, TimeUnit.SECONDS).until(() -> watch.result().isDone());
        assertThat(watch.result().join().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void aTransientErrorOnTheFirstListIsRetried() {
        server.expect().get()
                .withPath("/api/v1/namespaces/flaky-start/pods?labelSelector=app.kubernetes.io%2Fmanaged-by%3Dspark-on-eks&resourceVersion=0")
                .andReturn(503, new StatusBuilder().withCode(503).withMessage("apiserver is restarting").build())
                .once();
        DriverPods pods = new DriverPods(client, "flaky-start");
        DriverPodReference ref = pods.create("patient-driver");
        DriverPodWatch watch = DriverPodWatch.start(client, ref, NO_LOGS, new RecordingObserver(), machinery);
        pods.terminated("patient-driver", "Succeeded", 0, "Completed");

        await().atMost(30, TimeUnit.SECONDS).until(() -> watch.result().isDone());
        assertThat(watch.result().join().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(count("GET", "/namespaces/flaky-start/pods", "resourceVersion=0")).isGreaterThanOrEqualTo(2);
    }
}
