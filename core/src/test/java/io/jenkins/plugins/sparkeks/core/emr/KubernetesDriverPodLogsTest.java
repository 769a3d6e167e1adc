package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import io.jenkins.plugins.sparkeks.core.k8s.watch.FakeLogServer;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EMR's driver pod log through the Kubernetes follower: complete when drained, incomplete when the pod is gone. */
@EnableKubernetesMockClient(crud = true)
class KubernetesDriverPodLogsTest {

    static KubernetesMockServer server;
    static KubernetesClient unused;

    private FakeLogServer logServer;
    private KubernetesClient client;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private final List<String> diagnostics = new CopyOnWriteArrayList<>();
    private KubernetesDriverPodLogs pods;

    @BeforeEach
    void setUp() throws Exception {
        logServer = new FakeLogServer();
        client = server.createClient(b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("logs", logServer.interceptor())));
        pods = new KubernetesDriverPodLogs(client, scheduler,
                new LogFollowPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 2, Duration.ofSeconds(5)));
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        client.close();
        logServer.close();
    }

    @Test
    void aDrainedPodLogIsCompleteAndKnowsWhereItEnded() {
        Instant t0 = Instant.parse("2026-01-01T00:00:05.123456789Z");
        FakeLogServer.PodLog log = logServer.pod("spark", "spark-jr1-driver").line(t0, "Pi is roughly 3.14").line(t0.plusMillis(5), "Done");

        DriverPodLogs.PodLog followed = pods.follow("spark", "spark-jr1-driver", null, lines::add, diagnostics::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() == 2);
        log.finish();
        followed.podTerminated();

        assertThat(followed.drained()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
        assertThat(lines).extracting(LogLine::text).containsExactly("Pi is roughly 3.14", "Done");
        assertThat(followed.lastTimestamp()).isEqualTo(t0.plusMillis(5));
        assertThat(followed.position()).isNotNull();
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void aPodThatIsGoneLeavesTheLogIncomplete() {
        DriverPodLogs.PodLog followed = pods.follow("spark", "spark-gone-driver", null, lines::add, diagnostics::add);
        followed.podTerminated();

        assertThat(followed.drained()).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(false);
        assertThat(followed.lastTimestamp()).isNull();
        assertThat(diagnostics).singleElement().asString().contains("spark/spark-gone-driver");
    }
}
