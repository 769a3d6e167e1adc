package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Row 1: one submission (driver pod, ConfigMap, Service) by the engine in a warm JVM, by the real spark-submit
 * 3.5.6 in its own JVM as users run it, and by our CLI in a fresh JVM.
 */
final class SubmissionScenario implements Scenario {

    private static final String SECTION = "1 submission";

    @Override
    public String name() {
        return "submission";
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        ServerProcess servers = context.servers();
        // drivers stay Pending: submission is measured, not the run
        servers.command("k8s-script 3600000 1 1000");
        int reps = context.options().repetitions();
        List<Double> oursCreated = new ArrayList<>();
        List<Double> oursWhole = new ArrayList<>();
        List<Double> roundTrip = new ArrayList<>();
        double oursCpu;
        try (KubernetesEngineUnderTest engine = new KubernetesEngineUnderTest(servers)) {
            String ns = "bench-submit-ours";
            // warm: a controller has submitted before; three submissions left the JIT cold and measured it
            for (int i = 0; i < 30; i++) {
                engine.backend.submit(KubernetesEngineUnderTest.request("warm-" + i, ns),
                        new SubmissionKey("warm-" + i), JobObserver.NONE);
            }
            int measured = Math.max(reps, 5);
            String pod = null;
            long cpu = EngineProbe.cpuNanos();
            for (int i = 0; i < measured; i++) {
                long start = System.currentTimeMillis();
                long t0 = System.nanoTime();
                var ref = engine.backend.submit(KubernetesEngineUnderTest.request("ours-" + i, ns),
                        new SubmissionKey("ours-" + i), JobObserver.NONE);
                oursWhole.add((System.nanoTime() - t0) / 1e6);
                pod = ref.podName();
                Long created = KubernetesBurst.parseTimes(servers.command("created " + ns)).get(ref.podName());
                if (created != null) {
                    oursCreated.add((double) (created - start));
                }
            }
            oursCpu = (EngineProbe.cpuNanos() - cpu) / 1e6 / measured;
            // the floor: a submission makes three round trips that depend on each other (the key's record and
            // labelled pods are read before the Pod is created; the ConfigMap and Service name the Pod's uid as
            // their owner), so it cannot take less than three of the API server's own round trips
            for (int i = 0; i < 20; i++) {
                engine.client.pods().inNamespace(ns).list();
            }
            for (int i = 0; i < measured * 4; i++) {
                long t0 = System.nanoTime();
                engine.client.pods().inNamespace(ns).withName(pod).get();
                roundTrip.add((System.nanoTime() - t0) / 1e6);
            }
        }
        List<Row> rows = new ArrayList<>();
        Samples whole = Samples.of(oursWhole);
        Samples created = oursCreated.isEmpty() ? whole : Samples.of(oursCreated);
        if (SparkSubmitAnchor.available(context)) {
            List<Double> sparkWhole = new ArrayList<>();
            List<Double> sparkCreated = new ArrayList<>();
            List<Double> sparkCpu = new ArrayList<>();
            String ns = "bench-submit-spark";
            for (int i = 0; i < reps; i++) {
                long start = System.currentTimeMillis();
                String app = "spark-" + i;
                ChildProcess.Result r = SparkSubmitAnchor.submit(context, app, ns, false);
                sparkWhole.add(r.wallMs());
                sparkCpu.add(r.cpuMs());
                Map<String, Long> times = KubernetesBurst.parseTimes(servers.command("created " + ns));
                times.entrySet().stream().filter(e -> e.getKey().startsWith(app + "-")).findFirst()
                        .ifPresent(e -> sparkCreated.add((double) (e.getValue() - start)));
            }
            String anchor = "spark-submit 3.5.6 (own JVM)";
            rows.add(Row.compared(SECTION, "request → driver pod created", "ms", Better.LOWER, created, anchor,
                    Samples.of(sparkCreated)));
            rows.add(Row.compared(SECTION, "whole submission (Pod+ConfigMap+Service)", "ms", Better.LOWER, whole,
                    anchor, Samples.of(sparkWhole)).withNote("ours in a warm JVM; anchor: process start to exit"));
            rows.add(Row.compared(SECTION, "CPU per submission", "CPU ms", Better.LOWER, Samples.of(oursCpu), anchor,
                    Samples.of(sparkCpu)));
        } else {
            rows.add(Row.alone(SECTION, "whole submission (Pod+ConfigMap+Service)", "ms", whole)
                    .withNote("Spark 3.5.6 jars missing: no spark-submit anchor"));
        }
        Samples trip = Samples.of(roundTrip);
        rows.add(Row.alone(SECTION, "floor: one API round trip (GET of a pod), warm client", "ms", trip)
                .withNote("a submission is three dependent round trips: at least " + Table.number(3 * trip.median())
                        + " ms against this server"));
        rows.addAll(new CliFirstSubmission(context).rows(reps));
        return rows;
    }
}
