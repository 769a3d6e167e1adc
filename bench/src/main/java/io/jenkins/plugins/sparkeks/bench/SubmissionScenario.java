package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.nio.file.Files;
import java.nio.file.Path;
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
        double oursCpu;
        try (KubernetesEngineUnderTest engine = new KubernetesEngineUnderTest(servers)) {
            String ns = "bench-submit-ours";
            // warm: a controller has submitted before; three submissions left the JIT cold and measured it
            for (int i = 0; i < 30; i++) {
                engine.backend.submit(KubernetesEngineUnderTest.request("warm-" + i, ns),
                        new SubmissionKey("warm-" + i), JobObserver.NONE);
            }
            int measured = Math.max(reps, 5);
            long cpu = EngineProbe.cpuNanos();
            for (int i = 0; i < measured; i++) {
                long start = System.currentTimeMillis();
                long t0 = System.nanoTime();
                var ref = engine.backend.submit(KubernetesEngineUnderTest.request("ours-" + i, ns),
                        new SubmissionKey("ours-" + i), JobObserver.NONE);
                oursWhole.add((System.nanoTime() - t0) / 1e6);
                Long created = KubernetesBurst.parseTimes(servers.command("created " + ns)).get(ref.podName());
                if (created != null) {
                    oursCreated.add((double) (created - start));
                }
            }
            oursCpu = (EngineProbe.cpuNanos() - cpu) / 1e6 / measured;
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
        rows.add(cliFirstSubmission(context, reps));
        return rows;
    }

    /** The CLI as a user runs it once: a fresh JVM, {@code submit --no-wait}, until the process exits. */
    private static Row cliFirstSubmission(BenchContext context, int reps) throws Exception {
        ServerProcess servers = context.servers();
        Path token = context.workDir().resolve("bench-token");
        Files.writeString(token, "bench");
        List<Double> wall = new ArrayList<>();
        List<Double> created = new ArrayList<>();
        String ns = "bench-submit-cli";
        for (int i = 0; i < reps; i++) {
            String app = "cli-" + i;
            long start = System.currentTimeMillis();
            ChildProcess.Result r = ChildProcess.run(List.of(JavaCommand.java(), "-cp", context.classPath(),
                    "io.jenkins.plugins.sparkeks.cli.SparkOnEks", "submit", "--server", servers.info("k8s.url"),
                    "--token-file", token.toString(), "-n", ns, "--name", app, "--image",
                    KubernetesEngineUnderTest.IMAGE, "--class", "org.apache.spark.examples.SparkPi", "--no-wait",
                    "local:///opt/spark/examples/jars/spark-examples.jar", "100"), context.workDir(), Map.of(),
                    EngineClients.apiPort(servers), 120);
            if (r.exitCode() != 0) {
                throw new IllegalStateException("the CLI failed (" + r.exitCode() + "): " + SparkSubmitAnchor.tail(r.output()));
            }
            wall.add(r.wallMs());
            KubernetesBurst.parseTimes(servers.command("created " + ns)).entrySet().stream()
                    .filter(e -> e.getKey().startsWith(app + "-")).findFirst()
                    .ifPresent(e -> created.add((double) (e.getValue() - start)));
        }
        return Row.alone(SECTION, "CLI first submission, fresh JVM (start → exit)", "ms", Samples.of(wall))
                .withNote("pod created after " + Table.number(Samples.of(created.isEmpty() ? wall : created).median())
                        + " ms; target ≤ 400");
    }
}
