package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.k8s.logs.DriverLogFollower;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import io.jenkins.plugins.sparkeks.core.k8s.logs.PodLogPosition;
import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** EMR's driver pod log read through the Kubernetes driver log follower (reconnects, exactly-once lines). */
public final class KubernetesDriverPodLogs implements DriverPodLogs {

    private final KubernetesClient client;
    private final ScheduledExecutorService scheduler;
    private final LogFollowPolicy policy;

    public KubernetesDriverPodLogs(KubernetesClient client, ScheduledExecutorService scheduler, LogFollowPolicy policy) {
        this.client = client;
        this.scheduler = scheduler;
        this.policy = policy;
    }

    @Override
    public PodLog follow(String namespace, String podName, String position, LogSink sink, Consumer<String> diagnostics) {
        AtomicBoolean gaveUp = new AtomicBoolean();
        // the follower only reports when it gives up on the rest of the log; that is what "incomplete" means here
        Consumer<String> watching = line -> {
            gaveUp.set(true);
            diagnostics.accept(line);
        };
        DriverLogFollower follower = new DriverLogFollower(client, namespace, podName, PodLogPosition.decode(position),
                sink, watching, scheduler, policy);
        follower.start();
        CompletableFuture<Boolean> drained = follower.drained().thenApply(v -> !gaveUp.get());
        return new PodLog() {
            @Override
            public void podTerminated() {
                follower.podTerminated();
            }

            @Override
            public CompletableFuture<Boolean> drained() {
                return drained;
            }

            @Override
            public void stop() {
                gaveUp.set(true);
                follower.stop();
            }

            @Override
            public String position() {
                PodLogPosition p = follower.position();
                return p == null ? null : p.encode();
            }

            @Override
            public Instant lastTimestamp() {
                PodLogPosition p = follower.position();
                return p == null ? null : p.timestamp();
            }
        };
    }
}
