package io.jenkins.plugins.sparkeks.core.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Follows one driver's Spark UI while the driver runs: one read of jobs, stages and executors per poll interval,
 * on the shared scheduler, within the cluster's request budget, with backoff on errors. Tells the observer when
 * Spark's progress changed, or once why nothing can be read, and never fails the job.
 */
final class InsightSession {

    static final int DEFAULT_UI_PORT = 4040;
    static final String UI_PORT_NAME = "spark-ui";
    /** How long a running driver's UI may stay unreachable before insight says it is unavailable. */
    static final Duration DEFAULT_UI_GRACE = Duration.ofSeconds(90);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriverTarget target;
    private final KubernetesClient client;
    private final DriverUiClient ui;
    private final RequestBudget budget;
    private final ScheduledExecutorService scheduler;
    private final InsightOptions options;
    private final SparkConfHints hints;
    private final JobObserver observer;
    private final Duration uiGrace;

    private volatile boolean stopped;
    private String podName;
    private int port = -1;
    private String appId;
    private volatile SparkSnapshot last;
    private int failures;
    private long runningSince = -1;
    private boolean everReached;
    private volatile String unavailable;
    private ScheduledFuture<?> next;
    private int requests;
    /** Set once the pod proxy was refused and the driver Service's proxy is tried instead; that refusal's status. */
    private String serviceFallback;
    private String podRefusal;

    InsightSession(DriverTarget target, KubernetesClient client, RequestBudget budget, ScheduledExecutorService scheduler,
            InsightOptions options, SparkConfHints hints, JobObserver observer, Duration uiGrace) {
        this.target = target;
        this.client = client;
        this.ui = new DriverUiClient(client);
        this.budget = budget;
        this.scheduler = scheduler;
        this.options = options;
        this.hints = hints;
        this.observer = observer;
        this.uiGrace = uiGrace;
        this.podName = target.podName();
    }

    void start() {
        if (!hints.uiEnabled()) {
            unavailable("the driver serves no Spark UI (spark.ui.enabled=false)");
            return;
        }
        schedule(Duration.ZERO);
    }

    void stop() {
        ScheduledFuture<?> f;
        synchronized (this) {
            stopped = true;
            f = next;
        }
        if (f != null) {
            f.cancel(false);
        }
    }

    SparkSnapshot last() {
        return last;
    }

    String unavailableReason() {
        return unavailable;
    }

    synchronized String appId() {
        return appId;
    }

    synchronized String podName() {
        return podName;
    }

    synchronized int port() {
        return port > 0 ? port : DEFAULT_UI_PORT;
    }

    /** Requests sent to the API server so far (the benchmark's measure of cost). */
    synchronized int requests() {
        return requests;
    }

    private synchronized void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        next = scheduler.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (stopped) {
            return;
        }
        if (port < 0) {
            // finding the driver pod is a request to the API server too: it takes a slot of the cluster's budget
            long wait = budget.reserve(System.nanoTime(), options.pollInterval().toNanos());
            if (wait < 0) {
                schedule(options.pollInterval());
                return;
            }
            synchronized (this) {
                if (!stopped) {
                    next = scheduler.schedule(this::locateAndRead, wait, TimeUnit.NANOSECONDS);
                }
            }
            return;
        }
        readRound();
    }

    private void locateAndRead() {
        if (stopped) {
            return;
        }
        try {
            synchronized (this) {
                requests++;
            }
            if (locate()) {
                readRound();
            }
        } catch (RuntimeException e) {
            retry("the driver pod could not be read: " + e.getMessage());
        }
    }

    private void readRound() {
        try {
            List<String> paths = new ArrayList<>();
            String id = appId();
            if (id == null) {
                paths.add("/api/v1/applications");
            } else {
                addAppPaths(paths, id);
            }
            read(paths, new ArrayList<>());
        } catch (RuntimeException e) {
            retry("the driver could not be read: " + e.getMessage());
        }
    }

    private static void addAppPaths(List<String> paths, String id) {
        String base = "/api/v1/applications/" + id;
        paths.add(base + "/jobs");
        paths.add(base + "/stages");
        paths.add(base + "/allexecutors");
    }

    /** Finds the running driver pod and its UI port; false when not running yet (or any more), with the next try planned. */
    private boolean locate() {
        Pod pod;
        try {
            pod = client.pods().inNamespace(target.namespace()).withName(podName).get();
            if (pod == null && target.labels() != null) {
                pod = client.pods().inNamespace(target.namespace()).withLabels(target.labels()).list().getItems()
                        .stream().findFirst().orElse(null);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                unavailable("the cluster does not let these credentials read pods in " + target.namespace() + " (403)");
                return false;
            }
            retry("the driver pod could not be read: " + e.getMessage());
            return false;
        }
        String phase = pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (pod == null || !"Running".equals(phase)) {
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                return false; // the driver ended: its UI is gone, the watch's end finishes this session
            }
            schedule(options.pollInterval());
            return false;
        }
        synchronized (this) {
            podName = pod.getMetadata().getName();
            port = uiPort(pod);
            runningSince = System.nanoTime();
        }
        return true;
    }

    static int uiPort(Pod pod) {
        for (Container c : pod.getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (UI_PORT_NAME.equals(p.getName()) && p.getContainerPort() != null) {
                    return p.getContainerPort();
                }
            }
        }
        return DEFAULT_UI_PORT;
    }

    /** Reads {@code paths} one after the other, each in the budget, then judges what came back. */
    private void read(List<String> paths, List<JsonNode> got) {
        if (stopped) {
            return;
        }
        if (got.size() == paths.size()) {
            received(paths, got);
            return;
        }
        long wait = budget.reserve(System.nanoTime(), options.pollInterval().toNanos());
        if (wait < 0) {
            // the cluster's budget is spent: skip this round rather than queue behind other jobs
            schedule(options.pollInterval());
            return;
        }
        String path = paths.get(got.size());
        synchronized (this) {
            if (stopped) {
                return;
            }
            next = scheduler.schedule(() -> {
                synchronized (this) {
                    requests++;
                }
                String service = serviceFallback();
                (service == null ? ui.get(target, podName(), port(), path) : ui.getViaService(target, service, path))
                        .whenComplete((reply, e) -> {
                    DriverUiClient.Reply r = e != null ? new DriverUiClient.Reply(0, String.valueOf(e.getMessage())) : reply;
                    if (!r.ok()) {
                        failed(r);
                        return;
                    }
                    try {
                        got.add(JSON.readTree(r.body()));
                    } catch (Exception parse) {
                        retry("the driver's UI answered with something that is not Spark's JSON");
                        return;
                    }
                    read(paths, got);
                });
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void received(List<String> paths, List<JsonNode> got) {
        synchronized (this) {
            everReached = true;
            failures = 0;
        }
        if (paths.size() == 1) {
            JsonNode apps = got.get(0);
            if (!apps.isArray() || apps.isEmpty() || apps.get(0).path("id").asText().isEmpty()) {
                schedule(options.pollInterval()); // the SparkContext is not up yet
                return;
            }
            synchronized (this) {
                appId = apps.get(0).path("id").asText();
            }
            List<String> rest = new ArrayList<>();
            addAppPaths(rest, appId());
            read(rest, new ArrayList<>());
            return;
        }
        SparkSnapshot now = SparkRestReadings.snapshot(got.get(0), got.get(1), got.get(2), Instant.now());
        SparkSnapshot before = last;
        last = now;
        // ticks are a poll interval apart, so a line per change is a line per interval at most
        if (!now.sameProgress(before) && !stopped) {
            observer.sparkProgress(now);
        }
        schedule(options.pollInterval());
    }

    private synchronized String serviceFallback() {
        return serviceFallback;
    }

    private void failed(DriverUiClient.Reply r) {
        boolean refused = r.code() == 401 || r.code() == 403;
        String service;
        boolean reachedBefore;
        synchronized (this) {
            service = serviceFallback;
            reachedBefore = everReached;
        }
        if (refused && service == null && !reachedBefore && target.serviceName().isPresent()) {
            // RBAC may grant services/proxy where it denies pods/proxy: the driver's Service leads to the same UI
            synchronized (this) {
                serviceFallback = target.serviceName().get();
                podRefusal = status(r);
            }
            schedule(Duration.ZERO);
            return;
        }
        // a Service that is not there (404) or refused too ends the fallback: report both refusals
        if (refused || (service != null && !reachedBefore && r.code() == 404)) {
            String pod;
            synchronized (this) {
                pod = podRefusal;
            }
            unavailable("the cluster refused to proxy to the driver's UI (" + (pod != null ? pod : status(r)) + ")"
                    + (service != null ? " and its Service " + service + " answered " + status(r) : "")
                    + ": these credentials need 'get' on pods/proxy" + (service != null ? " or services/proxy" : "")
                    + " in " + target.namespace() + " (see docs/setup.md)");
            return;
        }
        boolean giveUp;
        boolean starting;
        synchronized (this) {
            starting = !everReached && runningSince > 0;
            giveUp = starting && System.nanoTime() - runningSince > uiGrace.toNanos();
        }
        String status = r.code() == 0 ? "no answer" : "HTTP " + r.code();
        if (giveUp) {
            unavailable("the driver's Spark UI on port " + port() + " did not answer through the API server for "
                    + uiGrace.toSeconds() + "s (" + status + "): the UI may be disabled (spark.ui.enabled=false) or a "
                    + "network policy may keep the API server from reaching the driver");
            return;
        }
        if (starting) {
            // a driver JVM takes seconds to open its UI; backing off here would miss all of a short job's progress,
            // and the UI grace already bounds how long this lasts
            schedule(retryDelay(options.pollInterval(), 0));
            return;
        }
        retry(status);
    }

    private static String status(DriverUiClient.Reply r) {
        return r.code() + (r.code() == 403 ? " Forbidden" : r.code() == 401 ? " Unauthorized" : r.code() == 404 ? " Not Found" : "");
    }

    private void retry(String why) {
        int n;
        synchronized (this) {
            n = ++failures;
        }
        schedule(retryDelay(options.pollInterval(), n));
    }

    /** The wait before the next read after {@code failures} failed reads in a row: doubling, at most 16 intervals. */
    static Duration retryDelay(Duration pollInterval, int failures) {
        long factor = 1L << Math.min(Math.max(failures, 0), 4);
        Duration backoff = pollInterval.multipliedBy(factor);
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private void unavailable(String why) {
        synchronized (this) {
            if (unavailable != null) {
                return;
            }
            unavailable = why;
            stopped = true;
        }
        observer.diagnostic("Spark insight unavailable: " + why + ". The job goes on.");
    }
}
