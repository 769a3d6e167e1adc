package io.jenkins.plugins.sparkeks.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.insight.EventLogReader;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.insight.LocalEventLogs;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.KubernetesBackend;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SparkApplicationInformers;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SparkOperatorBackend;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SubmissionMode;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The Kubernetes backend for one cluster connection, with the shared informers and scheduler it waits on. */
final class KubernetesEngine implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final DriverInformerRegistry informers;
    private final KubernetesBackend backend;
    private final InsightWiring insight;
    private final KubernetesClient client;
    private final ClusterCoordinates coordinates;
    private final SparkApplicationInformers applications;

    KubernetesEngine(KubernetesClient client, ClusterCoordinates coordinates) {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("spark-on-eks-k8s");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        this.scheduler = s;
        this.informers = new DriverInformerRegistry(scheduler);
        this.backend = new KubernetesBackend(client, coordinates, informers, scheduler);
        // insight reads on the same single scheduler: the command follows one job
        this.insight = InsightWiring.of(client, coordinates, new InsightMachinery(scheduler),
                new EventLogReader(List.of(new LocalEventLogs())));
        this.client = client;
        this.coordinates = coordinates;
        this.applications = new SparkApplicationInformers(scheduler);
    }

    /** How Spark insight reaches this cluster's drivers. */
    InsightWiring insight() {
        return insight;
    }

    KubernetesBackend backend() {
        return backend;
    }

    /** Submits as {@code mode} asks; follows, describes and cancels whichever operator a reference names. */
    SparkOperatorBackend operator(SubmissionMode mode) {
        return new SparkOperatorBackend(client, coordinates, applications, WatchMachinery.of(informers, scheduler), mode);
    }

    @Override
    public void close() {
        applications.close();
        informers.close();
        scheduler.shutdownNow();
    }
}
