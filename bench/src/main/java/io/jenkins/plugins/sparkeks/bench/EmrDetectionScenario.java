package io.jenkins.plugins.sparkeks.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.emr.EmrClusterAccess;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Row 3b: EMR terminal detection with cluster access. The sandbox plays each run's driver pod and the run's state
 * follows it; the same N runs are waited on once by an engine that follows the driver pods through its shared
 * informer and once by one that only polls EMR, on the production poll settings. Latency is from the driver
 * container's end (as a watcher in the servers' JVM saw it) to the result.
 */
final class EmrDetectionScenario implements Scenario {

    @Override
    public String name() {
        return "emr-detect";
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        ServerProcess servers = context.servers();
        int seconds = context.options().emrRunSeconds();
        List<Row> rows = new ArrayList<>();
        servers.command("emr-pods on");
        try (KubernetesClient client = EngineClients.engine(servers, new RequestCounter());
                EmrEngineUnderTest informed = new EmrEngineUnderTest(servers,
                        new EmrClusterAccess(client, ClusterCoordinates.server(servers.info("k8s.url"))));
                EmrEngineUnderTest polled = new EmrEngineUnderTest(servers)) {
            int run = 0;
            for (int n : context.options().scales()) {
                Figures with = burst(servers, informed, n, seconds, "d" + n + "-" + run++);
                Figures without = burst(servers, polled, n, seconds, "p" + n + "-" + run++);
                String section = "3b emr detect N=" + n;
                rows.add(Row.compared(section, "terminal detection latency, cluster access", "ms", Better.LOWER,
                        Samples.of(with.latenciesMs()), "EMR poll only", Samples.of(without.latenciesMs()))
                        .withNote("driver container end → result; target p99 ≤ 2000 ms"));
                rows.add(Row.compared(section, "EMR API calls per minute, cluster access", "calls/min", Better.LOWER,
                        Samples.of(with.callsPerMinute()), "EMR poll only", Samples.of(without.callsPerMinute()))
                        .withNote(with.byOperation() + " vs " + without.byOperation()));
            }
        } finally {
            servers.command("emr-pods off");
        }
        return rows;
    }

    record Figures(List<Double> latenciesMs, double callsPerMinute, String byOperation) {}

    private static Figures burst(ServerProcess servers, EmrEngineUnderTest engine, int jobs, int seconds, String tag)
            throws Exception {
        // the driver pods wait until all runs are started, then write one line a second for the run's length
        long pendingMs = 2000 + jobs * 30L;
        servers.command("k8s-script " + pendingMs + " " + seconds + " 1000");
        servers.command("emr-script 0 1000 0");
        servers.command("reset-calls");
        long start = System.currentTimeMillis();
        Map<String, Long> doneAt = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> results = new ArrayList<>();
        List<JobWatch> watches = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            EmrJobRunReference ref = (EmrJobRunReference) engine.backend.submit(
                    EmrEngineUnderTest.request("detect-" + tag + "-" + i, false),
                    new SubmissionKey("emr-detect-" + tag + "-" + i), JobObserver.NONE);
            JobWatch watch = engine.backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), JobObserver.NONE);
            String pod = ref.driverPodName();
            results.add(watch.result().whenComplete((r, e) -> doneAt.put(pod, System.currentTimeMillis())));
            watches.add(watch);
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .get(seconds + pendingMs / 1000 + 600, TimeUnit.SECONDS);
        double minutes = (System.currentTimeMillis() - start) / 60_000.0;
        Map<String, Long> calls = EmrBurst.parseCalls(servers.command("calls"));
        Map<String, Long> ended = times(servers.command("terminated " + BenchServers.NAMESPACE));
        List<Double> latencies = new ArrayList<>();
        doneAt.forEach((pod, at) -> {
            Long end = ended.get(pod);
            if (end != null) {
                latencies.add((double) Math.max(0, at - end));
            }
        });
        if (latencies.size() < jobs) {
            throw new IllegalStateException("only " + latencies.size() + " of " + jobs + " EMR driver pods were seen to end");
        }
        for (JobWatch w : watches) {
            if (!w.result().join().success()) {
                throw new IllegalStateException("bench run did not succeed: " + w.result().join());
            }
        }
        long list = calls.getOrDefault("LIST_JOB_RUNS", 0L);
        long describe = calls.getOrDefault("DESCRIBE_JOB_RUN", 0L);
        String byOp = "ListJobRuns " + Table.number(list / minutes) + "/min, DescribeJobRun "
                + Table.number(describe / minutes) + "/min";
        return new Figures(latencies, (list + describe) / minutes, byOp);
    }

    private static Map<String, Long> times(String answer) {
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
