package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Row 5: the driver log of an ended pod read from the start (catch-up) by our engine and by fabric8's
 * {@code getLog()}, plain (what users would otherwise run) and with timestamps (the same bytes ours reads); then a live log, each line's delay from the moment the kubelet wrote it to its delivery, by
 * our follower and by fabric8's {@code watchLog()} with timestamps.
 */
final class LogThroughputScenario implements Scenario {

    private static final String SECTION = "5 driver log";

    @Override
    public String name() {
        return "log";
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        ServerProcess servers = context.servers();
        int lines = context.options().scales().stream().mapToInt(Integer::intValue).max().orElse(1) * 100;
        int reps = context.options().repetitions();
        List<Double> ours = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> stamped = new ArrayList<>();
        List<Double> oursLive = new ArrayList<>();
        List<Double> plainLive = new ArrayList<>();
        try (KubernetesEngineUnderTest engine = new KubernetesEngineUnderTest(servers);
                KubernetesClient fabric8 = EngineClients.plain(servers, new RequestCounter())) {
            String ns = "bench-log";
            servers.command("k8s-script 0 " + lines + " 0");
            for (int r = 0; r < reps + 1; r++) {
                DriverPodReference pod = engine.backend.submit(KubernetesEngineUnderTest.request("log-" + r, ns),
                        new SubmissionKey("log-" + r), JobObserver.NONE);
                awaitTerminated(servers, ns, pod.podName());
                // the three reads take turns at going first, so none always meets a cold or a warm server
                double[] seconds = new double[3];
                for (int turn = 0; turn < 3; turn++) {
                    int which = (turn + r) % 3;
                    seconds[which] = which == 0 ? ours(engine, pod, lines)
                            : getLog(fabric8, ns, pod.podName(), which == 2, lines);
                }
                if (r > 0) { // the first round warms all three
                    ours.add(lines / seconds[0]);
                    plain.add(lines / seconds[1]);
                    stamped.add(lines / seconds[2]);
                }
            }
            servers.command("k8s-script 500 40 100");
            for (int r = 0; r < reps; r++) {
                DriverPodReference pod = engine.backend.submit(KubernetesEngineUnderTest.request("live-" + r, ns),
                        new SubmissionKey("live-" + r), JobObserver.NONE);
                try (LogWatchLatency anchor = LogWatchLatency.start(fabric8, ns, pod.podName(), plainLive)) {
                    engine.backend.watch(pod, WaitOptions.DEFAULT.withRetention(Retention.KEEP), new JobObserver() {
                        @Override
                        public void log(LogLine line) {
                            if (line.timestamp() != null) {
                                oursLive.add((double) (System.currentTimeMillis() - line.timestamp().toEpochMilli()));
                            }
                        }
                    }).result().get(5, TimeUnit.MINUTES);
                    anchor.awaitEnd();
                }
            }
        }
        String figure = "catch-up of an ended pod's log (" + lines + " lines)";
        String ourSide = "ours: from watch() to the result, so learning that the pod ended (the namespace's informer"
                + " starts), one follow=true&timestamps=true request, each line parsed, checked against the resume"
                + " position and delivered to the observer";
        return List.of(
                Row.compared(SECTION, figure, "lines/s", Better.HIGHER, Samples.of(ours), "fabric8 getLog()",
                        Samples.of(plain)).withNote("target ≥ 0.8×; " + ourSide + "; anchor: one getLog() of the"
                        + " same container, its text split into lines handed to a sink, without timestamps, so"
                        + " about 2.7× fewer bytes (the timestamps are what lets a reconnect or a resumed job go on"
                        + " exactly once)"),
                Row.compared(SECTION, figure, "lines/s", Better.HIGHER, Samples.of(ours),
                        "fabric8 getLog() with timestamps", Samples.of(stamped)).withNote(ourSide
                        + "; anchor: the same bytes as ours (usingTimestamps().getLog()), split into lines handed"
                        + " to a sink"),
                Row.compared(SECTION, "live line latency (written → delivered)", "ms", Better.LOWER,
                        Samples.of(oursLive.isEmpty() ? List.of(Double.NaN) : oursLive), "fabric8 watchLog()",
                        Samples.of(plainLive.isEmpty() ? List.of(Double.NaN) : plainLive)));
    }

    /** Seconds our engine takes from watching the ended pod to its result, every line delivered once. */
    private static double ours(KubernetesEngineUnderTest engine, DriverPodReference pod, int lines) throws Exception {
        LongAdder seen = new LongAdder();
        long t0 = System.nanoTime();
        engine.backend.watch(pod, WaitOptions.DEFAULT.withRetention(Retention.KEEP), new JobObserver() {
            @Override
            public void log(LogLine line) {
                seen.increment();
            }
        }).result().get(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (seen.sum() != lines) {
            throw new IllegalStateException("catch-up delivered " + seen.sum() + " of " + lines + " lines");
        }
        return seconds;
    }

    /** Seconds one {@code getLog()} takes, its text split into lines handed to a sink as a user would need them. */
    private static double getLog(KubernetesClient fabric8, String ns, String pod, boolean timestamps, int lines) {
        LongAdder seen = new LongAdder();
        long t0 = System.nanoTime();
        var resource = fabric8.pods().inNamespace(ns).withName(pod);
        String all = timestamps ? resource.usingTimestamps().getLog() : resource.getLog();
        all.lines().forEach(line -> seen.increment());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (seen.sum() != lines) {
            throw new IllegalStateException("getLog() read " + seen.sum() + " of " + lines + " lines");
        }
        return seconds;
    }

    private static void awaitTerminated(ServerProcess servers, String ns, String pod) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!KubernetesBurst.parseTimes(servers.command("terminated " + ns)).containsKey(pod)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pod + " did not end");
            }
            Thread.sleep(50);
        }
    }

    /** fabric8's {@code watchLog()} with timestamps, read on its own thread as an application would. */
    private static final class LogWatchLatency implements AutoCloseable {
        private final LogWatch watch;
        private final Thread reader;

        private LogWatchLatency(LogWatch watch, List<Double> latencies) {
            this.watch = watch;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getOutput(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        int space = line.indexOf(' ');
                        if (space > 0) {
                            long at = Instant.parse(line.substring(0, space)).toEpochMilli();
                            synchronized (latencies) {
                                latencies.add((double) (System.currentTimeMillis() - at));
                            }
                        }
                    }
                } catch (Exception e) {
                    // the stream ends with the pod
                }
            }, "bench-watchlog");
            reader.start();
        }

        static LogWatchLatency start(KubernetesClient client, String ns, String pod, List<Double> latencies)
                throws InterruptedException {
            // the pod must exist and run before its log can be followed
            for (int i = 0; i < 100; i++) {
                var p = client.pods().inNamespace(ns).withName(pod).get();
                if (p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
                    break;
                }
                Thread.sleep(20);
            }
            return new LogWatchLatency(client.pods().inNamespace(ns).withName(pod).usingTimestamps().watchLog(),
                    latencies);
        }

        void awaitEnd() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }

        @Override
        public void close() {
            watch.close();
        }
    }
}
