package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.emulator.DriverHost;
import io.jenkins.plugins.sparkeks.emulator.DriverLaunch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS emulator's {@link DriverHost} in the sandbox: for each spark-submit job run on a virtual cluster of the
 * sandbox's EKS cluster it creates the driver pod EMR on EKS would ({@link EmrDriverPod}), which the simulated kubelet
 * then plays (script or real Spark), and reports the pod's life back as the job-runner would: Running, the container
 * log line by line (one thread per running pod), then the driver container's exit code, or the pod's deletion.
 */
final class EmrDriverPods implements DriverHost, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmrDriverPods.class);

    /**
     * One followed run: what to tell, and what was told already. Its exit is told only once its log was read to the
     * end, as the emulator takes no lines after it.
     */
    private static final class Followed {
        final DriverHost.Events events;
        boolean running;
        private Integer exitCode;
        private boolean logRead;
        private boolean ended;

        Followed(DriverHost.Events events) {
            this.events = events;
        }

        synchronized void exited(int code) {
            exitCode = code;
            tellExit();
        }

        synchronized void logRead() {
            logRead = true;
            tellExit();
        }

        /** Whether the run was still open (nothing told it ended); from now on it is ended. */
        synchronized boolean end() {
            boolean open = !ended;
            ended = true;
            return open;
        }

        private void tellExit() {
            if (exitCode != null && logRead && end()) {
                events.exited(exitCode);
            }
        }
    }

    private final KubernetesClient client;
    private final Predicate<DriverLaunch> hosts;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;

    EmrDriverPods(KubernetesClient client, Predicate<DriverLaunch> hosts, ScheduledExecutorService scheduler) {
        this.client = client;
        this.hosts = hosts;
        this.scheduler = scheduler;
        this.informer = client.pods().inAnyNamespace()
                .withLabel(EmrDriverPod.COMPONENT_LABEL, SparkLabels.ROLE_DRIVER)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        changed(pod);
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                        changed(newPod);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                        Followed f = followed.remove(jobRunId(pod));
                        if (f != null && f.end()) {
                            f.events.lost("was deleted before it ended");
                        }
                    }
                }, 0);
    }

    @Override
    public Optional<Hosted> launch(DriverLaunch launch, Events events) {
        if (!hosts.test(launch)) {
            return Optional.empty();
        }
        String namespace = launch.namespace();
        String podName = "spark-" + launch.jobRunId() + "-driver";
        followed.put(launch.jobRunId(), new Followed(events));
        try {
            EmrDriverPod driver = EmrDriverPod.of(launch);
            client.configMaps().inNamespace(namespace).resource(driver.configMap()).create();
            client.pods().inNamespace(namespace).resource(driver.pod()).create();
        } catch (IllegalArgumentException | KubernetesClientException e) {
            // spark-submit in the job-runner fails before any driver pod exists: the run fails with the reason
            LOG.debug("no driver pod for job run {}: {}", launch.jobRunId(), e.getMessage());
            followed.remove(launch.jobRunId());
            String why = String.valueOf(e.getMessage());
            String reason = "was never created: " + (why.length() > 180 ? why.substring(0, 180) + "..." : why);
            scheduler.execute(() -> events.lost(reason));
        }
        return Optional.of(() -> scheduler.execute(() -> delete(namespace, podName)));
    }

    private void delete(String namespace, String podName) {
        try {
            client.pods().inNamespace(namespace).withName(podName).delete();
        } catch (KubernetesClientException e) {
            LOG.debug("could not delete {}/{}: {}", namespace, podName, e.getMessage());
        }
    }

    private void changed(Pod pod) {
        String id = jobRunId(pod);
        Followed f = id == null ? null : followed.get(id);
        if (f == null || pod.getStatus() == null) {
            return;
        }
        ContainerStatus driver = pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream()
                        .filter(c -> SparkLabels.DRIVER_CONTAINER.equals(c.getName())).findFirst().orElse(null);
        boolean terminated = driver != null && driver.getState() != null && driver.getState().getTerminated() != null;
        boolean started = terminated || "Running".equals(pod.getStatus().getPhase());
        if (started && !f.running) {
            f.running = true;
            f.events.running();
            Thread tail = new Thread(() -> forwardLog(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), f),
                    "sandbox-emr-driver-log-" + pod.getMetadata().getName());
            tail.setDaemon(true);
            tail.start();
        }
        if (terminated && followed.remove(id) != null) {
            f.exited(driver.getState().getTerminated().getExitCode());
        }
    }

    /** The container log, line by line to the emulator (its CloudWatch stdout), as EMR's log shipping does. */
    private void forwardLog(String namespace, String name, Followed f) {
        try (LogWatch watch = client.pods().inNamespace(namespace).withName(name).watchLog();
                BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getOutput(),
                        StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                f.events.log(line);
            }
        } catch (IOException | KubernetesClientException e) {
            LOG.debug("driver log of {}/{} ended early: {}", namespace, name, e.getMessage());
        } finally {
            f.logRead();
        }
    }

    private static String jobRunId(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(EmrDriverPod.JOB_ID_LABEL);
    }

    @Override
    public void close() {
        informer.close();
    }
}
