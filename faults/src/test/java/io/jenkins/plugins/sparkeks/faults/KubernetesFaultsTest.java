package io.jenkins.plugins.sparkeks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.KubernetesBackend;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.InformerRecheck;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogFollowPolicy;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.sandbox.DriverScript;
import io.jenkins.plugins.sparkeks.sandbox.KubernetesSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The driver pod engine against the Kubernetes sandbox under API faults, each also with a controller restart (a
 * fresh process resuming from the saved reference) in the middle. Intervals are short through the options the
 * engines expose (the re-check every 300 ms, UNKNOWN after 3 s of failures), so the suite takes seconds per fault.
 */
class KubernetesFaultsTest {

    static final String NS = "spark";
    static final InformerRecheck RECHECK = new InformerRecheck(Duration.ofMillis(300), 20);
    static final Duration UNREACHABLE = Duration.ofSeconds(3);
    /** The UNKNOWN limit for the short outage (1.5 s): several times the outage, so only a real hang reaches it. */
    static final Duration SHORT_OUTAGE_LIMIT = Duration.ofSeconds(10);
    static final LogFollowPolicy LOGS = new LogFollowPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 3, Duration.ofSeconds(5));

    static KubernetesSandbox sandbox;
    static KubernetesSandbox empty;

    @BeforeAll
    static void start() {
        sandbox = KubernetesSandbox.start();
        empty = KubernetesSandbox.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        empty.close();
        System.out.println(Tally.summary());
    }

    /** One process's engine: its own client (through the faults), informers and scheduler. */
    private record Engine(KubernetesClient client, ScheduledExecutorService scheduler, DriverInformerRegistry informers,
            KubernetesBackend backend) implements AutoCloseable {
        static Engine start(FaultyApi faults) {
            // no client-level retries: the engines' own retries and bounds are what is under test
            KubernetesClient client = sandbox.newClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig(), faults);
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            DriverInformerRegistry informers = new DriverInformerRegistry(scheduler, RECHECK);
            return new Engine(client, scheduler, informers,
                    new KubernetesBackend(client, sandbox.coordinates(), new WatchMachinery(informers, scheduler, LOGS)));
        }

        @Override
        public void close() {
            informers.close();
            scheduler.shutdownNow();
            client.close();
        }
    }

    @ParameterizedTest(name = "{0}, restart mid-run: {1}")
    @CsvSource({
        "SHORT_OUTAGE, false", "SHORT_OUTAGE, true",
        "LONG_OUTAGE, false", "LONG_OUTAGE, true",
        "STATE_RESET, false", "STATE_RESET, true",
        "GONE_410, false", "GONE_410, true",
        "DROPPED_CONNECTIONS, false", "DROPPED_CONNECTIONS, true",
        "CANCEL_FAILS, false"
    })
    void driverPodUnderFault(String fault, boolean restart) throws Exception {
        String name = ("k8s-" + fault + (restart ? "-r" : "")).toLowerCase().replace('_', '-');
        boolean longJob = fault.equals("LONG_OUTAGE") || fault.equals("STATE_RESET") || fault.equals("CANCEL_FAILS");
        List<String> expected = IntStream.rangeClosed(1, fault.equals("CANCEL_FAILS") ? 1200 : longJob ? 400 : 120).mapToObj(i -> name + " line " + i).toList();
        sandbox.scripts().forAppName(name, DriverScript.succeeding(expected).withPending(Duration.ofMillis(200))
                .withLineInterval(Duration.ofMillis(longJob ? 50 : 20)));
        SparkSubmitRequest request = SparkSubmitRequest.builder(name).namespace(NS).image("apache/spark:3.5.6")
                .mainClass("org.apache.spark.examples.SparkPi").primaryResource("local:///opt/spark/examples/jars/spark-examples.jar")
                .build();
        SubmissionKey key = new SubmissionKey("faults/" + name);
        // a short outage must stay well inside the UNKNOWN limit on a slow machine too: the 1.5 s outage plus the
        // watch's next retry and, with a restart, a fresh client's start, came near 3 s on 2 busy cores
        WaitOptions options = WaitOptions.DEFAULT.withRetention(Retention.DELETE)
                .withApiUnreachableTimeout(fault.equals("SHORT_OUTAGE") ? SHORT_OUTAGE_LIMIT : UNREACHABLE)
                .withCancelGracePeriod(Duration.ofSeconds(1));
        Duration bound = switch (fault) {
            case "LONG_OUTAGE", "STATE_RESET" -> UNREACHABLE.plus(Duration.ofSeconds(12));
            case "CANCEL_FAILS" -> Duration.ofSeconds(50); // grace 1 s + 30 s confirmation slack + the log drain
            default -> Duration.ofSeconds(40);
        };
        int before = sandbox.driversStarted();
        Recorder first = new Recorder(null);
        Recorder second = new Recorder(null);
        JobResult result;
        long t0;
        try (FaultyApi faults = new FaultyApi(); Engine engine = Engine.start(faults)) {
            if (fault.equals("GONE_410")) {
                faults.goneOnWatch(2);
            } else if (fault.equals("DROPPED_CONNECTIONS")) {
                faults.dropWatchAndLogs(3);
            }
            JobReference ref = engine.backend().submit(request, key, first, options);
            JobWatch watch = engine.backend().watch(ref, options, first);
            waitUntil(() -> first.lines.size() >= 30, Duration.ofSeconds(30));
            t0 = System.nanoTime();
            switch (fault) {
                case "SHORT_OUTAGE", "LONG_OUTAGE" -> faults.outage();
                case "STATE_RESET" -> faults.resetTo(empty.url());
                case "GONE_410" -> faults.goneOnWatch(2);
                case "DROPPED_CONNECTIONS" -> faults.dropWatchAndLogs(3);
                case "CANCEL_FAILS" -> faults.failDeletes();
                default -> throw new IllegalArgumentException(fault);
            }
            if (restart) {
                watch.detach(); // then the reference: its log cursor is where this process stopped
                JobReference saved = watch.reference();
                try (Engine fresh = Engine.start(faults)) {
                    JobWatch resumed = fresh.backend().watch(saved, options, second);
                    result = finish(fault, faults, resumed, bound);
                }
            } else {
                result = finish(fault, faults, watch, bound);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - t0);
            Tally.FAULTS.addAndGet(Math.max(1, faults.injected.get()));
            assertThat(faults.injected.get()).as("the fault reached the engine").isPositive();
            assertThat(waited).as("no wait past its bound").isLessThan(bound);
        }

        List<String> delivered = new ArrayList<>(first.lines);
        delivered.addAll(second.lines);
        int duplicated = Tally.duplicated(delivered);
        int lost;
        switch (fault) {
            case "LONG_OUTAGE" -> {
                assertThat(result.state()).isEqualTo(JobState.UNKNOWN);
                assertThat(result.reason()).isEqualTo("ApiUnreachable");
                assertThat(first.diagnostics.stream().anyMatch(d -> d.startsWith("Cannot check"))
                        || second.diagnostics.stream().anyMatch(d -> d.startsWith("Cannot check")))
                        .as("the outage is reported as it happens").isTrue();
                lost = gaps(expected, delivered);
            }
            case "STATE_RESET" -> {
                assertThat(result.state()).as("the pod vanished with the server's state: no guess").isEqualTo(JobState.UNKNOWN);
                lost = gaps(expected, delivered);
            }
            case "CANCEL_FAILS" -> {
                assertThat(result.state()).isEqualTo(JobState.CANCELLING);
                assertThat(result.cancelConfirmed()).isFalse();
                lost = gaps(expected, delivered);
            }
            default -> {
                assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
                lost = Tally.lost(expected, delivered);
            }
        }
        int runs = sandbox.driversStarted() - before;
        if (result.state() == JobState.SUCCEEDED) {
            // a repeat under the key after retention removed the pod: the recorded outcome, no second run
            try (FaultyApi none = new FaultyApi(); Engine again = Engine.start(none)) {
                JobReference repeat = again.backend().submit(request, key, new Recorder(null), options);
                assertThat(again.backend().watch(repeat, options, new Recorder(null)).result().get(10, TimeUnit.SECONDS).state())
                        .isEqualTo(JobState.SUCCEEDED);
            }
            runs = sandbox.driversStarted() - before;
        }
        Tally.JOBS.incrementAndGet();
        Tally.RUNS_STARTED.addAndGet(runs);
        Tally.LINES_LOST.addAndGet(lost);
        Tally.LINES_DUPLICATED.addAndGet(duplicated);
        assertThat(lost).as("lines lost").isZero();
        assertThat(duplicated).as("lines duplicated").isZero();
        assertThat(runs).as("runs started").isEqualTo(1);
        Tally.SURVIVED.incrementAndGet();
    }

    private static JobResult finish(String fault, FaultyApi faults, JobWatch watch, Duration bound) throws Exception {
        if (fault.equals("SHORT_OUTAGE")) {
            Thread.sleep(1_500); // shorter than the UNKNOWN limit
            faults.clear();
        }
        if (fault.equals("CANCEL_FAILS")) {
            return watch.cancel("fault suite").get(bound.toSeconds(), TimeUnit.SECONDS);
        }
        JobResult r = watch.result().get(bound.toSeconds(), TimeUnit.SECONDS);
        faults.clear();
        return r;
    }

    /** Lines missing before the last one delivered: a job ended early may stop anywhere, but never with holes. */
    private static int gaps(List<String> expected, List<String> delivered) {
        int last = delivered.stream().mapToInt(expected::indexOf).max().orElse(-1);
        return Tally.lost(expected.subList(0, last + 1), delivered);
    }

    private static void waitUntil(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + atMost);
            }
            Thread.sleep(20);
        }
    }
}
