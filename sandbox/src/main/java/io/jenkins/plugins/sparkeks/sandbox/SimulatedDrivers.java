package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the part of the kubelet for driver pods we created (label {@link SparkLabels#MANAGED_BY}): one informer
 * sees each new pod and {@link DriverScripts} decides what it does. A scripted pod is moved by one shared
 * scheduler through Pending, Running and Succeeded/Failed with container statuses and exit codes while the driver
 * log grows; a real one runs its Spark application in a child JVM ({@link RealSparkDriver}).
 */
final class SimulatedDrivers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDrivers.class);

    private final KubernetesClient client;
    private final DriverScripts scripts;
    private final DriverLogServer logServer;
    private final ScheduledExecutorService scheduler;
    private final DriverEndpoints endpoints;
    private final Map<String, DriverRun> runs = new ConcurrentHashMap<>();
    private final AtomicInteger podIps = new AtomicInteger(10);
    private final List<SharedIndexInformer<Pod>> informers = new ArrayList<>();

    SimulatedDrivers(KubernetesClient client, DriverScripts scripts, DriverLogServer logServer,
            ScheduledExecutorService scheduler, DriverEndpoints endpoints) {
        this.client = client;
        this.endpoints = endpoints;
        this.scripts = scripts;
        this.logServer = logServer;
        this.scheduler = scheduler;
    }

    /** Our own driver pods, and those created as EMR on EKS creates them ({@link EmrDriverPod}). */
    void start() {
        informers.add(inform(Map.of(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE,
                SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)));
        informers.add(inform(Map.of(EmrDriverPod.COMPONENT_LABEL, SparkLabels.ROLE_DRIVER,
                SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)));
    }

    private SharedIndexInformer<Pod> inform(Map<String, String> labels) {
        return client.pods().inAnyNamespace().withLabels(labels)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        begin(pod);
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                        // status changes are our own doing
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                        end(pod);
                    }
                }, 0);
    }

    /** How many driver pods have been seen so far (tests use it to wait for the simulation to pick a pod up). */
    int started() {
        return runs.size();
    }

    private void begin(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (pod.getStatus() != null && pod.getStatus().getPhase() != null
                && !"Pending".equals(pod.getStatus().getPhase())) {
            return; // a pod that already ran (informer relist): leave it as it is
        }
        if (runs.containsKey(uid)) {
            return;
        }
        DriverPodStatus status = new DriverPodStatus(client, pod, "10.0.0." + podIps.getAndIncrement() % 250);
        Optional<DriverScript> script = scripts.scriptFor(pod);
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        if (script.isPresent()) {
            ScriptedRun run = new ScriptedRun(namespace, name, uid, status, script.get());
            runs.put(uid, run);
            run.schedule(run::pending, 0);
        } else {
            RealSparkDriver run = new RealSparkDriver(client, pod, status, scripts.realSparkRuntime(),
                    logServer.open(namespace, name), endpoints);
            runs.put(uid, run);
            run.start();
        }
    }

    private void end(Pod pod) {
        DriverRun run = runs.get(pod.getMetadata().getUid());
        if (run != null) {
            run.stop();
            logServer.remove(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        }
    }

    /** The JVM of the real driver in {@code namespace/pod} while it runs. */
    Optional<ProcessHandle> process(String namespace, String pod) {
        return runs.values().stream()
                .filter(RealSparkDriver.class::isInstance)
                .map(RealSparkDriver.class::cast)
                .filter(r -> r.runs(namespace, pod))
                .flatMap(r -> r.process().stream())
                .findFirst();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        runs.values().forEach(DriverRun::stop);
    }

    /** One driver pod's scripted life; each step schedules the next, so no thread waits on a pod. */
    private final class ScriptedRun implements DriverRun {
        private final String namespace;
        private final String name;
        private final String uid;
        private final DriverPodStatus status;
        private final DriverScript script;
        private volatile ScheduledFuture<?> next;
        private volatile boolean stopped;
        private PodLog log;
        private Instant startedAt;

        ScriptedRun(String namespace, String name, String uid, DriverPodStatus status, DriverScript script) {
            this.namespace = namespace;
            this.name = name;
            this.uid = uid;
            this.status = status;
            this.script = script;
        }

        void schedule(Runnable step, long delayMillis) {
            if (!stopped) {
                next = scheduler.schedule(() -> {
                    try {
                        step.run();
                    } catch (KubernetesClientException e) {
                        // the pod is gone (deleted or recreated): this run is over
                        LOG.debug("simulated driver {}/{} stopped: {}", namespace, name, e.getMessage());
                        stop();
                    } catch (RuntimeException e) {
                        LOG.warn("simulated driver {}/{} failed", namespace, name, e);
                        stop();
                    }
                }, delayMillis, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void stop() {
            stopped = true;
            ScheduledFuture<?> f = next;
            if (f != null) {
                f.cancel(false);
            }
            logServer.remove(namespace, name);
        }

        void pending() {
            Instant now = DriverPodStatus.now();
            log = logServer.open(namespace, name);
            if (script.imagePullFails()) {
                if (!update(() -> status.waiting(now, "ImagePullBackOff",
                        "Back-off pulling image \"" + status.image() + "\""))) {
                    return;
                }
                client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                        .withNewMetadata().withGenerateName(name + ".").withNamespace(namespace).endMetadata()
                        .withNewInvolvedObject().withKind("Pod").withName(name).withNamespace(namespace)
                        .withUid(uid).endInvolvedObject()
                        .withType("Warning").withReason("Failed")
                        .withMessage("Failed to pull image \"" + status.image() + "\": not found")
                        .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                        .build()).create();
                return;
            }
            if (update(() -> status.waiting(now, "ContainerCreating", null))) {
                schedule(this::running, script.pending().toMillis());
            }
        }

        void running() {
            startedAt = DriverPodStatus.now();
            if (update(() -> status.running(startedAt))) {
                log.start();
                writeLine(0);
            }
        }

        void writeLine(int index) {
            if (index < script.lines().size()) {
                log.append(Instant.now(), script.lines().get(index));
                schedule(() -> writeLine(index + 1), script.lineInterval().toMillis());
            } else {
                terminate();
            }
        }

        void terminate() {
            if (update(() -> status.terminated(startedAt, DriverPodStatus.now(), script.exitCode(),
                    script.terminationReason()))) {
                log.finish();
            }
        }

        /** Writes a status unless stopped; false, and the run stopped, when the pod is gone. */
        private boolean update(BooleanSupplier write) {
            if (stopped) {
                return false;
            }
            if (!write.getAsBoolean()) {
                stop();
                return false;
            }
            return true;
        }
    }
}
