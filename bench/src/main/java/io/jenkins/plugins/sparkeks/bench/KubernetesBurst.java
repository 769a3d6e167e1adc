package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One burst: N driver pods submitted and waited on together by one engine, with their logs followed. Records
 * what the engine holds while every job waits, what it sent, how late each verdict came, and what is left after.
 */
final class KubernetesBurst {

    /**
     * @param heapPerJobKb         marginal retained heap per waiting job: the heap grown from one waiting job to all
     *                             N, over N-1, so what is paid once per burst (the namespace's informer, the
     *                             connection's clients and pools) is not spread over the jobs
     * @param heapPerJobAverageKb  retained heap grown from before the burst to all N waiting, over N: fixed costs
     *                             included
     */
    record Figures(int jobs, double steadyThreads, double peakThreads, double heapPerJobKb,
            double heapPerJobAverageKb, long requests,
            int apiConnections, int logConnections, int logsAtReading, List<Double> latenciesMs, double cpuSecondsPerHour, long lines,
            double leftThreads, double leftHeapKb, int leftConnections, double submitMsPerJob) {}

    private KubernetesBurst() {}

    static Figures run(BenchContext context, KubernetesEngineUnderTest engine, int jobs, String namespace)
            throws Exception {
        ServerProcess servers = context.servers();
        int apiPort = EngineClients.apiPort(servers);
        int logPort = EngineClients.logPort(servers);
        // pods stay Pending until the last is submitted, so every job waits at once when the figures are taken, and
        // no log is followed yet: on a loaded machine a submission takes ~100 ms, and with less room the first pods
        // ran (their logs followed, over HTTP/1.1 a connection and its 16 KB read buffer each) before the reading
        long pendingMs = 4000 + jobs * 150L;
        int lines = 10;
        servers.command("k8s-script " + pendingMs + " " + lines + " 300");
        EngineProbe.Snapshot before = EngineProbe.snapshot(apiPort);
        int beforeLog = EngineProbe.connections(logPort);
        long requestsBefore = engine.counter.requests();
        EngineProbe.resetPeakThreads();

        LongAdder delivered = new LongAdder();
        JobObserver observer = new JobObserver() {
            @Override
            public void log(LogLine line) {
                delivered.increment();
            }
        };
        List<JobWatch> watches = new ArrayList<>();
        Map<String, Long> doneAt = new java.util.concurrent.ConcurrentHashMap<>();
        long submitStart = System.nanoTime();
        long firstJobHeap = 0;
        for (int i = 0; i < jobs; i++) {
            if (i == 1) {
                // what one waiting job holds, with the burst's fixed costs (its namespace's informer) paid
                Thread.sleep(200);
                firstJobHeap = EngineProbe.retainedHeap();
                histogram(namespace + "-1");
            }
            DriverPodReference ref = engine.backend.submit(KubernetesEngineUnderTest.request("bench-" + i, namespace),
                    new SubmissionKey(namespace + "-" + i), JobObserver.NONE);
            JobWatch watch = engine.backend.watch(ref, WaitOptions.DEFAULT, observer);
            watch.result().whenComplete((r, e) -> doneAt.put(ref.podName(), System.currentTimeMillis()));
            watches.add(watch);
        }
        double submitMsPerJob = (System.nanoTime() - submitStart) / 1e6 / jobs;
        Thread.sleep(500);
        long cpuStart = EngineProbe.cpuNanos();
        long wallStart = System.nanoTime();
        int steadyThreads = EngineProbe.threads();
        long steadyHeap = EngineProbe.retainedHeap();
        histogram(namespace + "-" + jobs);
        int apiConnections = EngineProbe.connections(apiPort);
        int logConnections = EngineProbe.connections(logPort);
        int logsAtReading = logConnections - beforeLog;

        // sampled on this thread (no sampler thread to count): logs are followed only once pods run
        CompletableFuture<Void> all = CompletableFuture.allOf(
                watches.stream().map(JobWatch::result).toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10 + jobs / 10 + pendingMs / 1000 + lines);
        while (!all.isDone()) {
            apiConnections = Math.max(apiConnections, EngineProbe.connections(apiPort));
            logConnections = Math.max(logConnections, EngineProbe.connections(logPort));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the burst of " + jobs + " did not end in time");
            }
            Thread.sleep(200);
        }
        double cpuPerHour = (EngineProbe.cpuNanos() - cpuStart) / 1e9
                / ((System.nanoTime() - wallStart) / 1e9) * 3600;
        for (JobWatch w : watches) {
            JobResult r = w.result().join();
            if (!r.success()) {
                throw new IllegalStateException("bench job did not succeed: " + r);
            }
        }
        long requests = engine.counter.requests() - requestsBefore;
        int peak = EngineProbe.peakThreads();

        Map<String, Long> terminated = parseTimes(servers.command("terminated " + namespace));
        List<Double> latencies = new ArrayList<>();
        doneAt.forEach((pod, at) -> {
            Long end = terminated.get(pod);
            if (end != null) {
                latencies.add((double) (at - end));
            }
        });
        if (latencies.isEmpty()) {
            throw new IllegalStateException("the servers saw no driver end in " + namespace);
        }
        watches.clear();
        // the engine's idle state after the burst, once pools have had their keep-alive to wind down: what a
        // controller keeps for the rest of its life
        Thread.sleep(Duration.ofSeconds(10).toMillis());
        settleConnections(apiPort, logPort, before.connections() + beforeLog);
        // closing those connections hands their last callbacks to the connection's pool: give its threads their 5 s
        // keep-alive again, or one would be counted as left
        Thread.sleep(Duration.ofSeconds(6).toMillis());
        if (Boolean.getBoolean("bench.debug")) {
            Thread.getAllStackTraces().keySet().forEach(t -> System.err.println("thread after burst: " + t.getName()));
        }
        EngineProbe.Snapshot after = EngineProbe.snapshot(apiPort);
        int afterLog = EngineProbe.connections(logPort);
        return new Figures(jobs, steadyThreads - before.threads(), peak - before.threads(),
                jobs > 1 ? (steadyHeap - firstJobHeap) / 1024.0 / (jobs - 1) : (steadyHeap - before.retainedHeap()) / 1024.0,
                (steadyHeap - before.retainedHeap()) / 1024.0 / jobs, requests, apiConnections - before.connections(),
                logConnections - beforeLog, logsAtReading, latencies, cpuPerHour, delivered.sum(), after.threads() - before.threads(),
                (after.retainedHeap() - before.retainedHeap()) / 1024.0,
                after.connections() + afterLog - before.connections() - beforeLog, submitMsPerJob);
    }

    /**
     * Waits (at most 15 s) for the connections of clients let go after the burst to close: the JDK closes a client's
     * pooled connections only once a collection has found the client unreachable and its selector thread (which
     * looks every 3 s) has exited, so collect and look again until they are back to {@code baseline} or stop falling.
     */
    private static void settleConnections(int apiPort, int logPort, int baseline) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        int open = EngineProbe.connections(apiPort) + EngineProbe.connections(logPort);
        while (open > baseline && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(500);
            open = EngineProbe.connections(apiPort) + EngineProbe.connections(logPort);
        }
    }

    /** With {@code -Dbench.histo=DIR}: this JVM's live-object histogram into DIR/NAME.txt, to see what a job holds. */
    private static void histogram(String name) {
        String dir = System.getProperty("bench.histo");
        if (dir == null) {
            return;
        }
        try {
            new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectOutput(java.nio.file.Path.of(dir, name + ".txt").toFile()).start().waitFor();
        } catch (java.io.IOException e) {
            System.err.println("no histogram: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, Long> parseTimes(String answer) {
        Map<String, Long> times = new HashMap<>();
        for (String pair : answer.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                times.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return times;
    }
}
