package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * N EMR job runs started together and waited on by one engine, each writing one driver line per second while it
 * runs; with {@code followLogs} the lines are read from CloudWatch. Records the calls the emulator received by
 * operation, the engine's CPU and heap, how late each verdict came and how many lines arrived in time.
 */
final class EmrBurst {

    record Figures(int jobs, double runSeconds, Map<String, Long> calls, double waitMinutes, double cpuSecondsPerHour,
            double heapPerJobKb, List<Double> latenciesMs, long linesWritten, long linesDelivered,
            double linesPerSecondInRun, double completeAfterLastEndMs, int resultsWithWholeLog,
            double steadyLinesPerSecond, double steadyWrittenPerSecond, double writtenPerSecondInRun,
            List<Double> firstLineAfterStartMs, List<Double> lineDelayMs, List<Double> completeAfterLearnedEndMs,
            double completeAfterLastLearnedEndMs, int leftThreads, double leftHeapKb, int leftConnections) {}

    /** Longer than the engine's pools keep an idle thread (5 s), so what is left after it is kept for good. */
    private static final long SETTLE_MS = 7000;

    private EmrBurst() {}

    static Figures run(BenchContext context, EmrEngineUnderTest engine, int jobs, int runSeconds, boolean followLogs,
            String tag) throws Exception {
        ServerProcess servers = context.servers();
        // runs stay PENDING until all are started, so every run is waited on at once
        long pendingMs = 2000 + jobs * 30L;
        long runningMs = runSeconds * 1000L;
        servers.command("emr-script " + pendingMs + " " + runningMs + " " + runSeconds);
        int awsPort = java.net.URI.create(servers.info("aws.url")).getPort();
        EngineProbe.Snapshot before = EngineProbe.snapshot(awsPort);
        long heapBefore = before.retainedHeap();
        servers.command("reset-calls");
        List<JobWatch> watches = new ArrayList<>();
        Map<String, Long> endsAt = new HashMap<>();
        Map<String, Long> doneAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, LongAdder> perJob = new java.util.concurrent.ConcurrentHashMap<>();
        LongAdder delivered = new LongAdder();
        AtomicLong deliveredByLastEnd = new AtomicLong(-1);
        // steady state starts when every run has delivered a line (its streams exist and were found): the
        // lines delivered and the time then, so a constant delay before it does not lower the rate after it
        Map<String, Long> firstLineAt = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> learnedEndAt = new java.util.concurrent.ConcurrentHashMap<>();
        long[] steadyFrom = {-1, -1};
        List<Double> lineDelays = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> startsAt = new HashMap<>();
        long start = System.currentTimeMillis();
        for (int i = 0; i < jobs; i++) {
            EmrJobRunReference ref = (EmrJobRunReference) engine.backend.submit(
                    EmrEngineUnderTest.request("bench-" + tag + "-" + i, followLogs),
                    new SubmissionKey("emr-" + tag + "-" + i), JobObserver.NONE);
            LongAdder mine = new LongAdder();
            perJob.put(ref.jobRunId(), mine);
            String id = ref.jobRunId();
            JobWatch watch = engine.backend.watch(ref, WaitOptions.DEFAULT.withFollowLogs(followLogs), new JobObserver() {
                @Override
                public void log(LogLine line) {
                    mine.increment();
                    delivered.increment();
                    if (line.timestamp() != null) {
                        lineDelays.add((double) (System.currentTimeMillis() - line.timestamp().toEpochMilli()));
                    }
                    if (firstLineAt.putIfAbsent(id, System.currentTimeMillis()) == null
                            && firstLineAt.size() == jobs) {
                        synchronized (steadyFrom) {
                            steadyFrom[0] = System.currentTimeMillis();
                            steadyFrom[1] = delivered.sum();
                        }
                    }
                }

                @Override
                public void stateChanged(JobState state, String detail) {
                    if (state.isTerminal()) {
                        // the engine has learned the end here; the result may still wait on the log's drain
                        learnedEndAt.putIfAbsent(id, System.currentTimeMillis());
                    }
                }
            });
            endsAt.put(ref.jobRunId(), ref.createdAt().toEpochMilli() + pendingMs + runningMs);
            startsAt.put(ref.jobRunId(), ref.createdAt().toEpochMilli() + pendingMs);
            watch.result().whenComplete((r, e) -> doneAt.put(ref.jobRunId(), System.currentTimeMillis()));
            watches.add(watch);
        }
        long firstRunStart = start + pendingMs;
        long lastEnd = endsAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        Thread.sleep(Math.max(0, firstRunStart - System.currentTimeMillis()) + 1000);
        long heapWaiting = EngineProbe.retainedHeap();
        long cpu = EngineProbe.cpuNanos();
        long wall = System.nanoTime();
        CompletableFuture<Void> all = CompletableFuture.allOf(
                watches.stream().map(JobWatch::result).toArray(CompletableFuture[]::new));
        while (!all.isDone()) {
            if (deliveredByLastEnd.get() < 0 && System.currentTimeMillis() >= lastEnd) {
                deliveredByLastEnd.set(delivered.sum());
            }
            Thread.sleep(100);
            if (System.currentTimeMillis() > lastEnd + TimeUnit.MINUTES.toMillis(20)) {
                throw new IllegalStateException("EMR burst of " + jobs + " did not end 20 minutes after its runs");
            }
        }
        double cpuPerHour = (EngineProbe.cpuNanos() - cpu) / 1e9 / ((System.nanoTime() - wall) / 1e9) * 3600;
        double minutes = (System.currentTimeMillis() - start) / 60_000.0;
        Map<String, Long> calls = parseCalls(servers.command("calls"));
        for (JobWatch w : watches) {
            JobResult r = w.result().join();
            if (!r.success()) {
                throw new IllegalStateException("bench run did not succeed: " + r);
            }
        }
        List<Double> latencies = new ArrayList<>();
        doneAt.forEach((id, at) -> latencies.add((double) (at - endsAt.get(id))));
        long written = (long) jobs * runSeconds;
        int whole = (int) perJob.values().stream().filter(n -> n.sum() >= runSeconds).count();
        long byEnd = deliveredByLastEnd.get() < 0 ? delivered.sum() : deliveredByLastEnd.get();
        double runWindow = (lastEnd - firstRunStart) / 1000.0;
        long lastDone = doneAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        // the runs start as they were submitted (a loaded machine spreads that out): what was written in a window
        // is counted from each run's own start and end, one line per second
        double steady = Double.NaN;
        double steadyWritten = Double.NaN;
        synchronized (steadyFrom) {
            if (steadyFrom[0] >= 0 && steadyFrom[0] < lastEnd - 5000) {
                double window = (lastEnd - steadyFrom[0]) / 1000.0;
                steady = (byEnd - steadyFrom[1]) / window;
                steadyWritten = writtenBetween(startsAt, endsAt, steadyFrom[0], lastEnd) / window;
            }
        }
        List<Double> firstLine = new ArrayList<>();
        firstLineAt.forEach((id, at) -> firstLine.add((double) (at - startsAt.get(id))));
        List<Double> afterLearned = new ArrayList<>();
        doneAt.forEach((id, at) -> {
            Long learned = learnedEndAt.get(id);
            if (learned != null) {
                afterLearned.add((double) (at - learned));
            }
        });
        long lastLearned = learnedEndAt.values().stream().mapToLong(Long::longValue).max().orElse(lastDone);
        watches.clear();
        Thread.sleep(SETTLE_MS);
        EngineProbe.Snapshot after = EngineProbe.snapshot(awsPort);
        return new Figures(jobs, runSeconds, calls, minutes, cpuPerHour,
                (heapWaiting - heapBefore) / 1024.0 / jobs, latencies, written, delivered.sum(), byEnd / runWindow,
                lastDone - lastEnd, whole, steady, steadyWritten,
                writtenBetween(startsAt, endsAt, firstRunStart, lastEnd) / runWindow, firstLine,
                new ArrayList<>(lineDelays), afterLearned, lastDone - lastLearned, after.threads() - before.threads(),
                (after.retainedHeap() - before.retainedHeap()) / 1024.0, after.connections() - before.connections());
    }

    /** Lines written by all runs between {@code from} and {@code to} (ms), at one line per second while running. */
    static double writtenBetween(Map<String, Long> startsAt, Map<String, Long> endsAt, long from, long to) {
        double lines = 0;
        for (Map.Entry<String, Long> e : startsAt.entrySet()) {
            long a = Math.max(from, e.getValue());
            long b = Math.min(to, endsAt.get(e.getKey()));
            lines += Math.max(0, b - a) / 1000.0;
        }
        return lines;
    }

    static Map<String, Long> parseCalls(String answer) {
        Map<String, Long> calls = new HashMap<>();
        for (String pair : answer.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                calls.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return calls;
    }
}
