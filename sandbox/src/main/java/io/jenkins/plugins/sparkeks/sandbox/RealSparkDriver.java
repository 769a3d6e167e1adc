package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's part for one driver pod run for real: it waits for the pod's {@code spark.properties} (ConfigMap or
 * Secret, as mounted), starts the driver as a child JVM ({@link DriverCommand}), reports Running, copies the
 * process's output line by line into the container log, serves the UI port through {@link DriverEndpoints} once
 * Spark has bound it, and reports the process's exit code. Deleting the pod kills the process: SIGTERM (Spark's
 * shutdown hook stops the context), then SIGKILL after a grace period. One thread per real driver.
 */
final class RealSparkDriver implements DriverRun {

    private static final Logger LOG = LoggerFactory.getLogger(RealSparkDriver.class);
    private static final Pattern UI_BOUND = Pattern.compile("Successfully started service 'SparkUI' on port (\\d+)\\.");
    /** How long the kubelet retries a mount whose ConfigMap does not exist yet. */
    private static final Duration MOUNT_WAIT = Duration.ofSeconds(20);
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final int DEFAULT_UI_PORT = 4040;

    private final KubernetesClient client;
    private final Pod pod;
    private final DriverPodStatus status;
    private final SparkRuntime runtime;
    private final PodLog log;
    private final DriverEndpoints endpoints;
    private final String namespace;
    private final String name;
    private volatile boolean stopped;
    private volatile Process process;
    private Path workDir;

    RealSparkDriver(KubernetesClient client, Pod pod, DriverPodStatus status, SparkRuntime runtime, PodLog log,
            DriverEndpoints endpoints) {
        this.client = client;
        this.pod = pod;
        this.status = status;
        this.runtime = runtime;
        this.log = log;
        this.endpoints = endpoints;
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
    }

    void start() {
        Thread t = new Thread(this::run, "sandbox-spark-driver-" + name);
        t.setDaemon(true);
        t.start();
    }

    boolean runs(String namespace, String pod) {
        return this.namespace.equals(namespace) && this.name.equals(pod);
    }

    /** The driver's JVM while it runs. */
    Optional<ProcessHandle> process() {
        Process p = process;
        return p == null || !p.isAlive() ? Optional.empty() : Optional.of(p.toHandle());
    }

    @Override
    public void stop() {
        Process p;
        synchronized (this) {
            stopped = true;
            p = process;
        }
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            CompletableFuture.delayedExecutor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            });
        }
        endpoints.close(namespace, name);
    }

    private void run() {
        Instant startedAt = null;
        try {
            if (!status.waiting(DriverPodStatus.now(), "ContainerCreating", null)) {
                return;
            }
            Container container = driverContainer();
            Map<String, String> properties = mountedProperties(container);
            workDir = Files.createTempDirectory("sandbox-driver-" + name + "-");
            Path confFile = Files.createDirectories(workDir.resolve("conf")).resolve("spark.properties");
            Path localDir = Files.createDirectories(workDir.resolve("local"));
            DriverCommand command = DriverCommand.of(container.getArgs(), container.getEnv(), properties, runtime,
                    confFile, localDir, System.getenv());
            writeProperties(confFile, command.properties());
            ProcessBuilder builder = new ProcessBuilder(command.command()).directory(workDir.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(command.environment());
            synchronized (this) {
                if (stopped) {
                    return;
                }
                process = builder.start();
            }
            startedAt = DriverPodStatus.now();
            status.running(startedAt);
            log.start();
            int uiPort = uiContainerPort(container, command.properties());
            copyOutput(process, uiPort);
            int exitCode = process.waitFor();
            endpoints.close(namespace, name);
            if (!stopped) {
                status.terminated(startedAt, DriverPodStatus.now(), exitCode, exitCode == 0 ? "Completed" : "Error");
            }
        } catch (KubernetesClientException e) {
            LOG.debug("real driver {}/{} stopped: {}", namespace, name, e.getMessage());
            stop();
        } catch (IOException | RuntimeException e) {
            // as a container that cannot start: the reason in the log, exit code 1
            LOG.warn("real driver {}/{} could not run", namespace, name, e);
            log.start();
            log.append(Instant.now(), "sandbox: cannot run this driver for real: " + e.getMessage());
            if (!stopped) {
                Instant at = startedAt == null ? DriverPodStatus.now() : startedAt;
                safely(() -> status.terminated(at, DriverPodStatus.now(), 1, "Error"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } finally {
            log.finish();
            deleteWorkDir();
        }
    }

    private void copyOutput(Process p, int uiContainerPort) throws IOException {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                log.append(Instant.now(), line);
                Matcher m = UI_BOUND.matcher(line);
                if (m.find() && !stopped) {
                    endpoints.listen(namespace, name, uiContainerPort, Integer.parseInt(m.group(1)));
                }
            }
        }
    }

    private Container driverContainer() {
        return pod.getSpec().getContainers().stream()
                .filter(c -> SparkLabels.DRIVER_CONTAINER.equals(c.getName()))
                .findFirst()
                .orElseGet(() -> pod.getSpec().getContainers().get(0));
    }

    /** The UI port the pod declares (what a proxy path names); Spark's own default when it declares none. */
    private static int uiContainerPort(Container container, Map<String, String> properties) {
        for (ContainerPort p : container.getPorts()) {
            if ("spark-ui".equals(p.getName())) {
                return p.getContainerPort();
            }
        }
        String conf = properties.get("spark.ui.port");
        return conf == null ? DEFAULT_UI_PORT : Integer.parseInt(conf.trim());
    }

    /**
     * The {@code --properties-file} as the container sees it: the ConfigMap or Secret item mounted at its path,
     * waited for as the kubelet waits for a mount; none when the arguments name no file.
     */
    private Map<String, String> mountedProperties(Container container) throws InterruptedException, IOException {
        List<String> args = container.getArgs();
        int i = args.indexOf("--properties-file");
        if (i < 0 || i + 1 >= args.size()) {
            return Map.of();
        }
        Path file = Path.of(args.get(i + 1));
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(m -> file.getParent() != null && file.getParent().equals(Path.of(m.getMountPath())))
                .findFirst()
                .orElseThrow(() -> new IOException("no volume is mounted at " + file.getParent()));
        Volume volume = pod.getSpec().getVolumes().stream()
                .filter(v -> mount.getName().equals(v.getName()))
                .findFirst()
                .orElseThrow(() -> new IOException("the pod has no volume " + mount.getName()));
        String fileName = file.getFileName().toString();
        long deadline = System.nanoTime() + MOUNT_WAIT.toNanos();
        while (!stopped) {
            Optional<String> text = volumeItem(volume, fileName);
            if (text.isPresent()) {
                Properties p = new Properties();
                p.load(new StringReader(text.get()));
                Map<String, String> out = new TreeMap<>();
                p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
                return out;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("MountVolume.SetUp failed for volume \"" + volume.getName() + "\": "
                        + fileName + " not found");
            }
            Thread.sleep(200);
        }
        throw new InterruptedException("the pod was deleted");
    }

    private Optional<String> volumeItem(Volume volume, String fileName) {
        if (volume.getConfigMap() != null) {
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
            return cm == null || cm.getData() == null ? Optional.empty()
                    : Optional.ofNullable(cm.getData().get(key(volume.getConfigMap().getItems(), fileName)));
        }
        if (volume.getSecret() != null) {
            Secret s = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
            return s == null || s.getData() == null ? Optional.empty()
                    : Optional.ofNullable(s.getData().get(key(volume.getSecret().getItems(), fileName)))
                            .map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    /** The key an item projects to {@code fileName}; without items, each key is its own file. */
    private static String key(List<KeyToPath> items, String fileName) {
        return items == null ? fileName : items.stream()
                .filter(item -> fileName.equals(item.getPath()))
                .map(KeyToPath::getKey)
                .findFirst()
                .orElse(fileName);
    }

    private static void writeProperties(Path file, Map<String, String> properties) throws IOException {
        Properties p = new Properties();
        p.putAll(properties);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "spark.properties of the sandbox's real driver");
        }
    }

    private void deleteWorkDir() {
        Path dir = workDir;
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (KubernetesClientException e) {
            LOG.debug("pod gone: {}", e.getMessage());
        }
    }
}
