package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.insight.InsightBackend;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.KubernetesBackend;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Row 7: what Spark insight costs. N driver pods run together for {@link #RUN_SECONDS}, once with insight off and once
 * on (default options: a read every 5 s, 20 requests per second per cluster), on the same engine; the extra API
 * requests per job per minute and the extra retained heap per waiting job are the differences.
 */
final class InsightScenario implements Scenario {

    /** How long each driver runs (script lines one second apart): long enough for several insight rounds. */
    static final int RUN_SECONDS = 20;
    static final int WARM_SECONDS = 3;

    @Override
    public String name() {
        return "insight";
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        ServerProcess servers = context.servers();
        List<Row> rows = new ArrayList<>();
        try (Engine engine = new Engine(servers)) {
            // warm: classes loaded and the informer started once, as in a controller that has run a job
            burst(context, engine, 1, false, "bench-insight-warm", WARM_SECONDS);
            burst(context, engine, 1, true, "bench-insight-warm-on", WARM_SECONDS);
            int run = 0;
            for (int n : context.options().scales()) {
                int reps = n > 100 ? 1 : context.options().repetitions();
                List<Double> extraRequests = new ArrayList<>();
                List<Double> extraHeap = new ArrayList<>();
                List<Double> onRequests = new ArrayList<>();
                List<Double> offRequests = new ArrayList<>();
                List<Double> lines = new ArrayList<>();
                for (int r = 0; r < reps; r++) {
                    Figures off = burst(context, engine, n, false, "bench-insight-off-" + n + "-" + run, RUN_SECONDS);
                    Figures on = burst(context, engine, n, true, "bench-insight-on-" + n + "-" + run++, RUN_SECONDS);
                    extraRequests.add(on.requestsPerJobPerMinute() - off.requestsPerJobPerMinute());
                    extraHeap.add(on.heapPerJobKb() - off.heapPerJobKb());
                    onRequests.add(on.requestsPerJobPerMinute());
                    offRequests.add(off.requestsPerJobPerMinute());
                    lines.add(on.progressLinesPerJob());
                }
                String section = "7 insight cost N=" + n;
                double ceiling = InsightMachinery.DEFAULT_REQUESTS_PER_SECOND * 60 / n;
                rows.add(Row.alone(section, "extra API requests per job per minute (insight on − off)", "req/job/min",
                        Samples.of(extraRequests)).withNote(String.format(java.util.Locale.ROOT,
                        "unbudgeted: 3 reads per 5 s = 36/min once running; budget ceiling 20/s per cluster = %.1f/job/min",
                        ceiling)));
                rows.add(Row.compared(section, "API requests per job per minute", "req/job/min", Better.LOWER,
                        Samples.of(onRequests), "insight off (baseline)", Samples.of(offRequests))
                        .withNote("requests of the whole job: submit, informer, insight reads"));
                rows.add(Row.alone(section, "extra retained heap per waiting job (insight on − off)", "KB",
                        Samples.of(extraHeap)).withNote("retained heap after GC while all N drivers run"));
                rows.add(Row.alone(section, "Spark progress lines per job", "lines", Samples.of(lines))
                        .withNote("driver runs " + RUN_SECONDS + " s; a line at most every 5 s"));
            }
        }
        return rows;
    }

    record Figures(double requestsPerJobPerMinute, double heapPerJobKb, double progressLinesPerJob) {}

    private static Figures burst(BenchContext context, Engine engine, int jobs, boolean insight, String namespace,
            int runSeconds) throws Exception {
        ServerProcess servers = context.servers();
        long pendingMs = 1500 + jobs * 40L;
        servers.command("k8s-script " + pendingMs + " " + runSeconds + " 1000");
        SparkJobBackend<SparkSubmitRequest> backend = insight
                ? InsightBackend.wrap(engine.backend, InsightOptions.DEFAULT, engine.wiring, SparkSubmitRequest::conf)
                : engine.backend;
        LongAdder progress = new LongAdder();
        JobObserver observer = new JobObserver() {
            @Override
            public void sparkProgress(SparkSnapshot snapshot) {
                progress.increment();
            }
        };
        long heapBefore = EngineProbe.retainedHeap();
        long requestsBefore = engine.counter.requests();
        long start = System.nanoTime();
        List<JobWatch> watches = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            JobReference ref = backend.submit(KubernetesEngineUnderTest.request("bench-" + i, namespace),
                    new SubmissionKey(namespace + "-" + i), JobObserver.NONE);
            watches.add(backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(false), observer));
        }
        // every driver runs and insight has read each at least once: what a controller holds per waiting job
        Thread.sleep(pendingMs + Math.min(8000, runSeconds * 500L));
        long heap = EngineProbe.retainedHeap();
        CompletableFuture.allOf(watches.stream().map(JobWatch::result).toArray(CompletableFuture[]::new))
                .get(5 + jobs / 20 + RUN_SECONDS, TimeUnit.MINUTES);
        double minutes = (System.nanoTime() - start) / 60e9;
        for (JobWatch w : watches) {
            JobResult r = w.result().join();
            if (!r.success()) {
                throw new IllegalStateException("bench job did not succeed: " + r.reason() + " " + r.message());
            }
        }
        long requests = engine.counter.requests() - requestsBefore;
        watches.clear();
        return new Figures(requests / (double) jobs / minutes, (heap - heapBefore) / 1024.0 / jobs,
                progress.sum() / (double) jobs);
    }

    /** The Kubernetes engine under test on a client that also routes the Spark UI, with insight on its scheduler. */
    private static final class Engine implements AutoCloseable {
        final KubernetesEngineUnderTest kubernetes;
        final RequestCounter counter;
        final KubernetesBackend backend;
        final InsightWiring wiring;

        Engine(ServerProcess servers) {
            RequestCounter requests = new RequestCounter();
            kubernetes = new KubernetesEngineUnderTest(servers, requests, EngineClients.withSparkUi(servers, requests));
            counter = kubernetes.counter;
            backend = kubernetes.backend;
            wiring = InsightWiring.of(kubernetes.client, kubernetes.cluster, new InsightMachinery(kubernetes.scheduler()), null);
        }

        @Override
        public void close() {
            kubernetes.close();
        }
    }
}
