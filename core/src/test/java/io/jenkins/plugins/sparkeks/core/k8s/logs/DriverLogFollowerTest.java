package io.jenkins.plugins.sparkeks.core.k8s.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPods;
import io.jenkins.plugins.sparkeks.core.k8s.watch.FakeLogServer;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DriverLogFollowerTest {

    static KubernetesMockServer server;
    static KubernetesClient mockClient;

    static final String NS = "logs";
    static final LogFollowPolicy FAST = new LogFollowPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 3, Duration.ofSeconds(10));
    static FakeLogServer logServer;
    static KubernetesClient client;
    static ScheduledExecutorService scheduler;
    static DriverPods pods;

    @BeforeAll
    static void setUp() throws Exception {
        logServer = new FakeLogServer();
        client = server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("logs", logServer.interceptor())));
        scheduler = Executors.newScheduledThreadPool(2);
        pods = new DriverPods(client, NS);
    }

    @AfterAll
    static void tearDown() {
        scheduler.shutdownNow();
        client.close();
        logServer.close();
    }

    /** Lines 10 ms apart, several sharing one timestamp, as a busy driver writes them. */
    private static void write(FakeLogServer.PodLog log, Instant base, int from, int to) {
        for (int i = from; i < to; i++) {
            log.line(base.plusMillis(10L * (i / 3)), "line " + i);
        }
    }

    private DriverLogFollower follower(String pod, PodLogPosition from, List<LogLine> sink) {
        return new DriverLogFollower(client, NS, pod, from, sink::add, d -> {}, scheduler, FAST);
    }

    private static List<String> expected(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i).collect(Collectors.toList());
    }

    private static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).collect(Collectors.toList());
    }

    @Test
    void cutConnectionsLoseAndRepeatNothingAndTheRestIsDrainedAfterTermination() {
        pods.create("cut-driver");
        pods.running("cut-driver");
        FakeLogServer.PodLog log = logServer.pod(NS, "cut-driver");
        Instant base = Instant.parse("2026-11-21T10:00:00.123456789Z");
        List<LogLine> got = new CopyOnWriteArrayList<>();
        DriverLogFollower follower = follower("cut-driver", null, got);
        follower.start();

        int written = 0;
        for (int round = 0; round < 5; round++) {
            write(log, base.plusSeconds(round), written, written + 20);
            written += 20;
            int expectAtLeast = written;
            await().atMost(10, TimeUnit.SECONDS).until(() -> got.size() >= expectAtLeast);
            log.cutConnections(round % 2 == 0); // every other cut leaves half a line on the wire
        }
        write(log, base.plusSeconds(10), written, written + 7);
        written += 7;
        log.finish();
        pods.terminated("cut-driver", "Succeeded", 0, "Completed");
        follower.podTerminated();

        await().atMost(10, TimeUnit.SECONDS).until(() -> follower.drained().isDone());
        assertThat(texts(got)).containsExactlyElementsOf(expected(0, written));
        assertThat(log.streams()).as("one stream per cut plus the final drain").isGreaterThanOrEqualTo(6);
        assertThat(got).allSatisfy(l -> assertThat(l.source()).isEqualTo("pod"));
        assertThat(got.get(0).timestamp()).isEqualTo(base);
    }

    @Test
    void aDrainedLogLeavesNothingScheduledThatKeepsTheFollowerReachable() {
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1);
        own.setRemoveOnCancelPolicy(true); // as every scheduler the engines share
        try {
            pods.create("drained-driver");
            pods.running("drained-driver");
            FakeLogServer.PodLog log = logServer.pod(NS, "drained-driver");
            write(log, Instant.parse("2026-11-21T11:00:00Z"), 0, 5);
            log.finish();
            pods.terminated("drained-driver", "Succeeded", 0, "Completed");
            List<LogLine> got = new CopyOnWriteArrayList<>();
            DriverLogFollower follower =
                    new DriverLogFollower(client, NS, "drained-driver", null, got::add, d -> {}, own, FAST);

            follower.podTerminated();

            await().atMost(10, TimeUnit.SECONDS).until(() -> follower.drained().isDone());
            assertThat(texts(got)).containsExactlyElementsOf(expected(0, 5));
            // the drain deadline (10 s here, 60 s by default) must not outlive the drain
            await().atMost(5, TimeUnit.SECONDS).until(() -> own.getQueue().isEmpty());
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    void aResumedFollowerInAFreshClientContinuesAfterTheSavedCursor() throws Exception {
        pods.create("resume-driver");
        pods.running("resume-driver");
        FakeLogServer.PodLog log = logServer.pod(NS, "resume-driver");
        Instant base = Instant.parse("2026-11-21T11:00:00.5Z");
        write(log, base, 0, 30);
        List<LogLine> first = new CopyOnWriteArrayList<>();
        DriverLogFollower before = follower("resume-driver", null, first);
        before.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> first.size() == 30);
        // The cursor goes through its serialised form, as a front end would store it.
        LogCursor saved = before.position().into(LogCursor.START);
        String stored = saved.position(PodLogPosition.SOURCE);
        before.stop();
        write(log, base.plusMillis(100), 30, 45);

        try (KubernetesClient fresh = server.createClient(b -> b.withHttpClientBuilderConsumer(
                h -> h.addOrReplaceInterceptor("logs", logServer.interceptor())))) {
            List<LogLine> second = new CopyOnWriteArrayList<>();
            List<String> diagnostics = new CopyOnWriteArrayList<>();
            DriverLogFollower after = new DriverLogFollower(fresh, NS, "resume-driver", PodLogPosition.decode(stored),
                    second::add, diagnostics::add, scheduler, FAST);
            after.start();
            log.finish();
            after.podTerminated();
            await().atMost(10, TimeUnit.SECONDS).until(() -> after.drained().isDone());
            assertThat(texts(second)).containsExactlyElementsOf(expected(30, 45));
            assertThat(diagnostics).isEmpty();
        }
    }

    @Test
    void givesUpBoundedWhenThePodHasNoLogAnyMore() {
        List<String> diagnostics = new CopyOnWriteArrayList<>();
        DriverLogFollower follower = new DriverLogFollower(client, NS, "never-existed", null, l -> {}, diagnostics::add, scheduler, FAST);
        follower.podTerminated();
        await().atMost(10, TimeUnit.SECONDS).until(() -> follower.drained().isDone());
        assertThat(diagnostics).singleElement().asString().contains("never-existed").contains("incomplete");
    }
}
