package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the part of the kubelet for driver pods we created (label {@link SparkLabels#MANAGED_BY}): one informer
 * sees each new pod, a script is chosen, and one shared scheduler moves the pod through Pending, Running
 * and Succeeded/Failed with container statuses and exit codes while the driver log grows.
 */
final class SimulatedDrivers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDrivers.class);

    private final KubernetesClient client;
    private final DriverScripts scripts;
    private final DriverLogServer logServer;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicInteger podIps = new AtomicInteger(10);
    private SharedIndexInformer<Pod> informer;

    SimulatedDrivers(KubernetesClient client, DriverScripts scripts, DriverLogServer logServer,
            ScheduledExecutorService scheduler) {
        this.client = client;
        this.scripts = scripts;
        this.logServer = logServer;
        this.scheduler = scheduler;
    }

    void start() {
        informer = client.pods().inAnyNamespace()
                .withLabel(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                .withLabel(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)
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
        Run run = new Run(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid, image(pod),
                scripts.scriptFor(pod));
        if (runs.putIfAbsent(uid, run) == null) {
            run.schedule(run::pending, 0);
        }
    }

    private void end(Pod pod) {
        Run run = runs.get(pod.getMetadata().getUid());
        if (run != null) {
            run.stop();
        }
    }

    private static String image(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()
                ? null : pod.getSpec().getContainers().get(0).getImage();
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        runs.values().forEach(Run::stop);
    }

    /** One driver pod's simulated life; each step schedules the next, so no thread waits on a pod. */
    private final class Run {
        private final String namespace;
        private final String name;
        private final String uid;
        private final String image;
        private final DriverScript script;
        private final String podIp = "10.0.0." + podIps.getAndIncrement() % 250;
        private volatile ScheduledFuture<?> next;
        private volatile boolean stopped;
        private PodLog log;
        private Instant startedAt;

        Run(String namespace, String name, String uid, String image, DriverScript script) {
            this.namespace = namespace;
            this.name = name;
            this.uid = uid;
            this.image = image;
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

        void stop() {
            stopped = true;
            ScheduledFuture<?> f = next;
            if (f != null) {
                f.cancel(false);
            }
            logServer.remove(namespace, name);
        }

        void pending() {
            Instant now = now();
            log = logServer.open(namespace, name);
            if (script.imagePullFails()) {
                status(new PodStatusBuilder().withPhase("Pending")
                        .withConditions(condition("PodScheduled", now))
                        .withContainerStatuses(waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\""))
                        .build());
                client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                        .withNewMetadata().withGenerateName(name + ".").withNamespace(namespace).endMetadata()
                        .withNewInvolvedObject().withKind("Pod").withName(name).withNamespace(namespace)
                        .withUid(uid).endInvolvedObject()
                        .withType("Warning").withReason("Failed")
                        .withMessage("Failed to pull image \"" + image + "\": not found")
                        .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                        .build()).create();
                return;
            }
            status(new PodStatusBuilder().withPhase("Pending")
                    .withConditions(condition("PodScheduled", now))
                    .withContainerStatuses(waiting("ContainerCreating", null))
                    .build());
            schedule(this::running, script.pending().toMillis());
        }

        void running() {
            startedAt = now();
            status(new PodStatusBuilder().withPhase("Running").withPodIP(podIp).withStartTime(startedAt.toString())
                    .withConditions(condition("PodScheduled", startedAt), condition("Ready", startedAt))
                    .withContainerStatuses(new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER)
                            .withImage(image).withReady(true).withStarted(true).withRestartCount(0)
                            .withNewState().withNewRunning().withStartedAt(startedAt.toString()).endRunning().endState()
                            .build())
                    .build());
            log.start();
            writeLine(0);
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
            Instant finishedAt = now();
            boolean ok = script.exitCode() == 0;
            status(new PodStatusBuilder().withPhase(ok ? "Succeeded" : "Failed").withPodIP(podIp)
                    .withStartTime(startedAt.toString())
                    .withConditions(condition("PodScheduled", startedAt),
                            new PodConditionBuilder().withType("Ready").withStatus("False")
                                    .withReason("PodCompleted").withLastTransitionTime(finishedAt.toString()).build())
                    .withContainerStatuses(new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER)
                            .withImage(image).withReady(false).withStarted(false).withRestartCount(0)
                            .withNewState().withNewTerminated().withExitCode(script.exitCode())
                            .withReason(script.terminationReason())
                            .withStartedAt(startedAt.toString()).withFinishedAt(finishedAt.toString())
                            .endTerminated().endState()
                            .build())
                    .build());
            log.finish();
        }

        private void status(PodStatus status) {
            if (stopped) {
                return;
            }
            Pod current = client.pods().inNamespace(namespace).withName(name).get();
            if (current == null || !uid.equals(current.getMetadata().getUid())) {
                stop();
                return;
            }
            client.pods().inNamespace(namespace).withName(name)
                    .editStatus(p -> new PodBuilder(p).withStatus(status).build());
        }

        private ContainerStatus waiting(String reason, String message) {
            return new ContainerStatusBuilder().withName(SparkLabels.DRIVER_CONTAINER).withImage(image)
                    .withReady(false).withStarted(false).withRestartCount(0)
                    .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                    .build();
        }
    }

    private static PodCondition condition(String type, Instant at) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(at.toString()).build();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
