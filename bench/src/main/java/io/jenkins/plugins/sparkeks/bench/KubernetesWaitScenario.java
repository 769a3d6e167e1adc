package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.k8s.connect.LogStreamClients;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows 2 and 6: waiting on N driver pods with their logs followed, against one waiting spark-submit per job and a
 * kubectl poll loop per job; then what the engine keeps once the burst has ended.
 */
final class KubernetesWaitScenario implements Scenario {

    @Override
    public String name() {
        return "k8s-wait";
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        ServerProcess servers = context.servers();
        List<Row> rows = new ArrayList<>();
        try (KubernetesEngineUnderTest engine = new KubernetesEngineUnderTest(servers)) {
            // warm: classes loaded, the informer machinery started once and the reflective accessors of the JSON
            // mapping generated (after 15 calls each), as in a controller that has run jobs; with one warm job that
            // one-off cost fell inside the first measured burst and counted as about 2 KB per job
            int warmJobs = Math.min(20, context.options().scales().stream().mapToInt(Integer::intValue).max().orElse(1));
            KubernetesBurst.run(context, engine, warmJobs, "bench-warm");
            Anchors anchors = Anchors.measure(context);
            int run = 0;
            for (int n : context.options().scales()) {
                int reps = n > 100 ? 1 : context.options().repetitions();
                List<KubernetesBurst.Figures> figures = new ArrayList<>();
                for (int r = 0; r < reps; r++) {
                    figures.add(KubernetesBurst.run(context, engine, n, "bench-k8s-" + n + "-" + run++));
                }
                rows.addAll(rows(n, figures, anchors));
            }
        }
        return rows;
    }

    /** One waiting spark-submit and a few kubectl calls, measured once per run and scaled per job. */
    record Anchors(ChildProcess.Result sparkSubmit, double sparkSubmitLatencyMs, double jobSeconds,
            KubectlAnchor.Call kubectl, String kubectlNote) {

        static Anchors measure(BenchContext context) throws Exception {
            ServerProcess servers = context.servers();
            ChildProcess.Result spark = null;
            double sparkLatency = Double.NaN;
            String ns = "bench-anchor";
            long pendingMs = 1500;
            int lines = 10;
            servers.command("k8s-script " + pendingMs + " " + lines + " 300");
            double jobSeconds = (pendingMs + lines * 300) / 1000.0;
            if (SparkSubmitAnchor.available(context)) {
                spark = SparkSubmitAnchor.submit(context, "bench-anchor-wait", ns, true);
                Long end = KubernetesBurst.parseTimes(servers.command("terminated " + ns)).values().stream()
                        .findFirst().orElse(null);
                sparkLatency = end == null ? Double.NaN : spark.endedAtMillis() - end;
            }
            KubectlAnchor.Call kubectl = null;
            String note;
            if (KubectlAnchor.installed()) {
                String pod = firstPod(servers, ns, context);
                kubectl = KubectlAnchor.measure(context, ns, pod, 5);
                note = "kubectl measured (5 calls), loop every 2 s modelled per job";
            } else {
                // what a loop sends: one GET per poll on a fresh connection
                kubectl = new KubectlAnchor.Call(Double.NaN, Double.NaN, 1, 0);
                note = "kubectl not installed: loop modelled as 1 GET per 2 s per job";
            }
            return new Anchors(spark, sparkLatency, jobSeconds, kubectl, note);
        }

        private static String firstPod(ServerProcess servers, String ns, BenchContext context) throws Exception {
            var names = KubernetesBurst.parseTimes(servers.command("terminated " + ns)).keySet();
            if (!names.isEmpty()) {
                return names.iterator().next();
            }
            // no spark-submit anchor: create one pod with the engine's own client to poll
            RequestCounter ignored = new RequestCounter();
            try (var client = EngineClients.plain(servers, ignored)) {
                client.pods().inNamespace(ns).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                        .withNewMetadata().withName("kubectl-target").endMetadata().withNewSpec().addNewContainer()
                        .withName("c").withImage("x").endContainer().endSpec().build()).create();
            }
            return "kubectl-target";
        }
    }

    private static List<Row> rows(int n, List<KubernetesBurst.Figures> figures, Anchors a) {
        String section = "2 k8s wait N=" + n;
        String left = "6 after k8s burst N=" + n;
        List<Row> rows = new ArrayList<>();
        Samples threads = Samples.of(figures.stream().map(KubernetesBurst.Figures::steadyThreads).toList());
        Samples peak = Samples.of(figures.stream().map(KubernetesBurst.Figures::peakThreads).toList());
        Samples heap = Samples.of(figures.stream().map(KubernetesBurst.Figures::heapPerJobKb).toList());
        Samples heapAverage = Samples.of(figures.stream().map(KubernetesBurst.Figures::heapPerJobAverageKb).toList());
        String heapNote = "marginal: heap grown from 1 to N waiting jobs / (N-1); the burst's fixed costs (its "
                + "namespace's informer, clients, pools) are in the average row; pods still Pending, log connections open "
                + "at the reading: " + figures.stream().map(f -> String.valueOf(f.logsAtReading())).toList();
        Samples requests = Samples.of(figures.stream().map(f -> (double) f.requests() / n).toList());
        Samples apiConn = Samples.of(figures.stream().map(f -> (double) f.apiConnections()).toList());
        Samples logConn = Samples.of(figures.stream().map(f -> (double) f.logConnections()).toList());
        List<Double> lat = new ArrayList<>();
        figures.forEach(f -> lat.addAll(f.latenciesMs()));
        Samples latency = Samples.of(lat);
        Samples cpu = Samples.of(figures.stream().map(KubernetesBurst.Figures::cpuSecondsPerHour).toList());
        ChildProcess.Result s = a.sparkSubmit();
        String spark = "spark-submit 3.5.6 per job";
        String kubectl = "kubectl get pod loop";
        if (s != null) {
            rows.add(Row.compared(section, "extra threads while waiting (steady)", "threads", Better.LOWER, threads,
                    spark, Samples.of((double) s.peakThreads() * n)).withNote("anchor: N × one measured process"));
            rows.add(Row.compared(section, "extra threads (peak)", "threads", Better.LOWER, peak, spark,
                    Samples.of((double) s.peakThreads() * n)));
            rows.add(Row.compared(section, "retained heap per waiting job", "KB", Better.LOWER, heap, spark,
                    Samples.of(s.peakRss() / 1024.0)).withNote(heapNote + "; anchor: resident memory of one "
                    + "spark-submit JVM"));
            rows.add(Row.compared(section, "TCP connections to the API server (peak)", "conns", Better.LOWER, apiConn, spark,
                    Samples.of((double) s.peakConnections() * n)));
        } else {
            rows.add(Row.alone(section, "extra threads while waiting (steady)", "threads", threads));
            rows.add(Row.alone(section, "extra threads (peak)", "threads", peak));
            rows.add(Row.alone(section, "retained heap per waiting job", "KB", heap).withNote(heapNote));
            rows.add(Row.alone(section, "TCP connections to the API server (peak)", "conns", apiConn)
                    .withNote("Spark 3.5.6 jars missing: no spark-submit anchor"));
        }
        rows.add(Row.alone(section, "retained heap per waiting job (average)", "KB", heapAverage)
                .withNote("heap grown from before the burst to N waiting jobs / N, fixed costs included"));
        rows.add(Row.alone(section, "TCP connections to the log endpoint (peak)", "conns", logConn)
                .withNote("the sandbox serves HTTP/1.1 only: one connection per followed log"));
        double polls = a.jobSeconds() / KubectlAnchor.INTERVAL_SECONDS;
        rows.add(Row.compared(section, "API requests per job (submit to result)", "requests", Better.LOWER, requests,
                kubectl, Samples.of(polls * a.kubectl().requests())).withNote(a.kubectlNote()));
        double pollLatency = Double.isNaN(a.kubectl().wallMs()) ? 0 : a.kubectl().wallMs();
        // a poll at a uniformly random phase: half an interval on average, a whole one at worst, plus the call
        rows.add(Row.compared(section, "terminal detection latency", "ms", Better.LOWER, latency, kubectl,
                Samples.of(KubectlAnchor.INTERVAL_SECONDS * 500 + pollLatency,
                        KubectlAnchor.INTERVAL_SECONDS * 500 + pollLatency,
                        KubectlAnchor.INTERVAL_SECONDS * 1000 + pollLatency))
                .withNote("ours: pod end seen by the server → result (log drained)"));
        if (s != null && !Double.isNaN(a.sparkSubmitLatencyMs())) {
            rows.add(Row.compared(section, "terminal detection latency", "ms", Better.LOWER, latency, spark,
                    Samples.of(a.sparkSubmitLatencyMs())).withNote("anchor: pod end → spark-submit exit"));
        }
        if (!Double.isNaN(a.kubectl().cpuMs())) {
            rows.add(Row.compared(section, "CPU per hour of waiting", "CPU s/h", Better.LOWER, cpu, kubectl,
                    Samples.of(n * 3600 / KubectlAnchor.INTERVAL_SECONDS * a.kubectl().cpuMs() / 1000)));
        }
        if (s != null) {
            rows.add(Row.compared(section, "CPU per hour of waiting", "CPU s/h", Better.LOWER, cpu, spark,
                    Samples.of(n * s.cpuMs() / 1000 / (s.wallMs() / 1000) * 3600))
                    .withNote("anchor: one process's CPU over its life × N"));
        }
        rows.add(Row.alone(left, "threads left", "threads",
                Samples.of(figures.stream().map(KubernetesBurst.Figures::leftThreads).toList()))
                .withNote("vs before the burst; target 0"));
        rows.add(Row.alone(left, "heap left", "KB",
                Samples.of(figures.stream().map(KubernetesBurst.Figures::leftHeapKb).toList()))
                .withNote("target < 1024; 10 s after the last result, after full collections"));
        rows.add(Row.alone(left, "connections left", "conns",
                Samples.of(figures.stream().map(f -> (double) f.leftConnections()).toList()))
                .withNote("log clients idle " + LogStreamClients.IDLE_MILLIS / 1000 + " s are let go; their pooled "
                        + "connections close once a collection finds them unreachable"));
        return rows;
    }
}
