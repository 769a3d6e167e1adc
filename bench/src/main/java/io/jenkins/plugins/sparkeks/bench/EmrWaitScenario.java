package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows 3 and 4: waiting on N EMR job runs (production poll settings) against one {@code aws emr-containers
 * describe-job-run} loop per run; then the same runs with their driver logs followed from CloudWatch.
 */
final class EmrWaitScenario implements Scenario {

    /** CloudWatch Logs' documented defaults per account in the emulator's region (us-east-1). */
    static final String QUOTAS = "us-east-1 quotas/s: GetLogEvents 25, DescribeLogStreams 25, FilterLogEvents 25";

    @Override
    public String name() {
        return "emr-wait";
    }

    @Override
    public List<Row> run(BenchContext context) throws Exception {
        ServerProcess servers = context.servers();
        int seconds = context.options().emrRunSeconds();
        List<Row> rows = new ArrayList<>();
        try (EmrEngineUnderTest engine = new EmrEngineUnderTest(servers)) {
            AwsCliAnchor.Call cli = null;
            if (AwsCliAnchor.installed()) {
                EmrJobRunReference ref = (EmrJobRunReference) engine.backend.submit(
                        EmrEngineUnderTest.request("bench-anchor", false), new SubmissionKey("emr-anchor"),
                        JobObserver.NONE);
                cli = AwsCliAnchor.measure(context, ref.jobRunId(), 3);
            }
            int run = 0;
            for (int n : context.options().scales()) {
                EmrBurst.Figures plain = EmrBurst.run(context, engine, n, seconds, false, "w" + n + "-" + run++);
                rows.addAll(waitRows(n, plain, cli));
                EmrBurst.Figures logs = EmrBurst.run(context, engine, n, seconds, true, "l" + n + "-" + run++);
                rows.addAll(logRows(n, logs));
                rows.addAll(leftRows(n, plain, logs));
            }
        }
        return rows;
    }

    private static List<Row> waitRows(int n, EmrBurst.Figures f, AwsCliAnchor.Call cli) {
        String section = "3 emr wait N=" + n;
        List<Row> rows = new ArrayList<>();
        long list = f.calls().getOrDefault("LIST_JOB_RUNS", 0L);
        long describe = f.calls().getOrDefault("DESCRIBE_JOB_RUN", 0L);
        double perMinute = (list + describe) / f.waitMinutes();
        String loop = "aws describe-job-run loop";
        double loopPerMinute = n * 60 / AwsCliAnchor.INTERVAL_SECONDS;
        String byOp = "ListJobRuns " + Table.number(list / f.waitMinutes()) + "/min, DescribeJobRun "
                + Table.number(describe / f.waitMinutes()) + "/min";
        rows.add(Row.compared(section, "EMR API calls per minute", "calls/min", Better.LOWER, Samples.of(perMinute),
                loop, Samples.of(loopPerMinute)).withNote(byOp + "; loop every 20 s per run"));
        double callMs = cli == null ? 0 : cli.wallMs();
        rows.add(Row.compared(section, "terminal detection latency", "ms", Better.LOWER, Samples.of(f.latenciesMs()),
                loop, Samples.of(AwsCliAnchor.INTERVAL_SECONDS * 500 + callMs, AwsCliAnchor.INTERVAL_SECONDS * 500
                        + callMs, AwsCliAnchor.INTERVAL_SECONDS * 1000 + callMs))
                .withNote("run end → result; anchor: a poll at a random phase"));
        if (cli != null) {
            rows.add(Row.compared(section, "CPU per hour of waiting", "CPU s/h", Better.LOWER,
                    Samples.of(f.cpuSecondsPerHour()), loop,
                    Samples.of(n * 3600 / AwsCliAnchor.INTERVAL_SECONDS * cli.cpuMs() / 1000))
                    .withNote("aws CLI measured: " + Table.number(cli.cpuMs()) + " CPU ms per call"));
        } else {
            rows.add(Row.alone(section, "CPU per hour of waiting", "CPU s/h", Samples.of(f.cpuSecondsPerHour()))
                    .withNote("aws CLI not installed: no anchor"));
        }
        rows.add(Row.alone(section, "retained heap per waiting run", "KB", Samples.of(f.heapPerJobKb())));
        return rows;
    }

    /** Row 6 for EMR: what each burst left once its last result was in and the pools' keep-alive had passed. */
    private static List<Row> leftRows(int n, EmrBurst.Figures plain, EmrBurst.Figures logs) {
        String section = "6 after emr burst N=" + n;
        String note = "7 s after the last result; without logs, then with CloudWatch logs followed";
        return List.of(
                Row.alone(section, "threads left", "threads", Samples.of(plain.leftThreads(), logs.leftThreads()))
                        .withNote(note),
                Row.alone(section, "heap left", "KB", Samples.of(plain.leftHeapKb(), logs.leftHeapKb())).withNote(note),
                Row.alone(section, "connections left (AWS endpoint)", "conns",
                        Samples.of(plain.leftConnections(), logs.leftConnections())).withNote(note));
    }

    private static List<Row> logRows(int n, EmrBurst.Figures f) {
        String section = "4 emr logs N=" + n;
        List<Row> rows = new ArrayList<>();
        double written = (double) n; // one line per second per run
        if (Double.isNaN(f.steadyLinesPerSecond())) {
            rows.add(Row.alone(section, "driver lines delivered per second (steady state)", "lines/s",
                    Samples.of(0)).withNote("no steady state: not every run had delivered a line 5 s before the"
                            + " last end"));
        } else {
            rows.add(Row.compared(section, "driver lines delivered per second (steady state)", "lines/s",
                    Better.HIGHER, Samples.of(f.steadyLinesPerSecond()), "lines written",
                    Samples.of(f.steadyWrittenPerSecond()))
                    .withNote("from the moment every run had delivered a line to the last run's end; written from"
                            + " each run's own start and end"));
        }
        rows.add(Row.compared(section, "driver lines delivered per second (whole run window)", "lines/s",
                Better.HIGHER, Samples.of(f.linesPerSecondInRun()), "lines written",
                Samples.of(f.writtenPerSecondInRun()))
                .withNote("first run start to last run end: includes the streams' appearance (5 s in the emulator)"
                        + " and their discovery; " + Table.number(written) + " if all " + n + " ran at once"));
        rows.add(Row.alone(section, "line delay, written → delivered", "ms", Samples.of(f.lineDelayMs()))
                .withNote("every delivered line: its CloudWatch timestamp to its delivery"));
        rows.add(Row.alone(section, "run start → its first line delivered", "ms",
                Samples.of(f.firstLineAfterStartMs()))
                .withNote("the emulator creates a driver's streams 5 s after it starts; the rest is discovery"));
        Map<String, Long> c = f.calls();
        long gle = c.getOrDefault("GET_LOG_EVENTS", 0L);
        long dls = c.getOrDefault("DESCRIBE_LOG_STREAMS", 0L);
        long fle = c.getOrDefault("FILTER_LOG_EVENTS", 0L);
        double seconds = f.waitMinutes() * 60;
        rows.add(Row.alone(section, "CloudWatch calls per second", "calls/s", Samples.of((gle + dls + fle) / seconds))
                .withNote("GetLogEvents " + Table.number(gle / seconds) + ", DescribeLogStreams "
                        + Table.number(dls / seconds) + ", FilterLogEvents " + Table.number(fle / seconds) + "; "
                        + QUOTAS));
        rows.add(Row.alone(section, "results with the whole log", "runs", Samples.of(f.resultsWithWholeLog()))
                .withNote("of " + n + "; lines delivered " + f.linesDelivered() + " of " + f.linesWritten()));
        rows.add(Row.alone(section, "last run end → every result complete", "ms",
                Samples.of(f.completeAfterLastEndMs())).withNote("includes end detection (EMR poll every 20 s)"));
        rows.add(Row.alone(section, "engine learns the end → result complete", "ms",
                Samples.of(f.completeAfterLearnedEndMs())).withNote("per run: terminal state seen → result with"
                        + " the log drained (6 s quiet period); target ≤ 2 poll intervals (40 s)"));
        rows.add(Row.alone(section, "last end learned → every result complete", "ms",
                Samples.of(f.completeAfterLastLearnedEndMs())));
        rows.add(Row.alone(section, "terminal detection latency (logs followed)", "ms", Samples.of(f.latenciesMs())));
        return rows;
    }
}
