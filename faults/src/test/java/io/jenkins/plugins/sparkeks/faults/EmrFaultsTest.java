package io.jenkins.plugins.sparkeks.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrPollSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiters;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.Faults;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The EMR on EKS engine against the AWS emulator (in real time) under throttling, 5xx storms and dropped
 * connections on every operation it calls, a cancel that fails, and every look failing; each also with a
 * controller restart (fresh clients and machinery resuming from the saved reference) in the middle.
 */
class EmrFaultsTest {

    static final String VC = "vc1";
    static final String ROLE = "arn:aws:iam::111122223333:role/emr-job";
    /** Beyond the SDK's own three attempts per call, so the engines' retries are what is tested. */
    static final int STORM = 12;
    static final Duration UNREACHABLE = Duration.ofSeconds(2);

    static AwsEmulator aws;

    @BeforeAll
    static void start() {
        aws = AwsEmulator.startRealTime();
        aws.logStreamLag(Duration.ofMillis(100)); // streams appear at once: the short runs here end within seconds
        aws.virtualCluster(VirtualCluster.running(VC, "analytics", "eks-prod", "spark"));
    }

    @AfterAll
    static void stop() {
        aws.close();
        System.out.println(Tally.summary());
    }

    /** One process: its own clients, scheduler and shared machinery. */
    private record Engine(EmrContainersClient emr, CloudWatchLogsClient logs, S3Client s3, ScheduledExecutorService scheduler,
            EmrBackend backend) implements AutoCloseable {
        static Engine start() {
            EmrContainersClient emr = configure(EmrContainersClient.builder()).build();
            CloudWatchLogsClient logs = configure(CloudWatchLogsClient.builder()).build();
            S3Client s3 = configure(S3Client.builder()).forcePathStyle(true).build();
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            Map<CloudWatchRateLimiter.Operation, Double> rates = new EnumMap<>(CloudWatchRateLimiter.Operation.class);
            for (CloudWatchRateLimiter.Operation op : CloudWatchRateLimiter.Operation.values()) {
                rates.put(op, 1000.0);
            }
            EmrWatchMachinery machinery = new EmrWatchMachinery(scheduler, EmrPollSettings.fast(),
                    new CloudWatchRateLimiters(() -> new CloudWatchRateLimiter(rates, System::nanoTime,
                            // scaled with EmrPollSettings.fast() (drain limit 3 s instead of 90 s), as production's
                            // 0.5 s..1 min pauses are with its drain limit
                            Duration.ofMillis(20), Duration.ofMillis(500))), aws.clock());
            EmrBackend backend = new EmrBackend(aws.region(), emr, logs, s3, machinery.rateLimiter(aws.accountId(), aws.region()),
                    machinery);
            return new Engine(emr, logs, s3, scheduler, backend);
        }

        private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B b) {
            RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                    .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                    .circuitBreakerEnabled(false)
                    .build();
            return b.endpointOverride(aws.endpoint()).region(Region.of(aws.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.retryStrategy(retries));
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
            emr.close();
            logs.close();
            s3.close();
        }
    }

    @ParameterizedTest(name = "{1} x{2} on {0}, restart mid-run: {3}")
    @CsvSource({
        "START_JOB_RUN, THROTTLE, 12, false", "START_JOB_RUN, SERVER_ERROR, 12, true",
        "DESCRIBE_JOB_RUN, THROTTLE, 12, true", "DESCRIBE_JOB_RUN, SERVER_ERROR, 12, false",
        "DESCRIBE_JOB_RUN, DROP_CONNECTION, 6, true",
        "LIST_JOB_RUNS, THROTTLE, 12, false", "LIST_JOB_RUNS, SERVER_ERROR, 12, true",
        "LIST_JOB_RUNS, DROP_CONNECTION, 6, false",
        "GET_LOG_EVENTS, THROTTLE, 12, true", "GET_LOG_EVENTS, SERVER_ERROR, 12, false",
        "DESCRIBE_LOG_STREAMS, THROTTLE, 12, true", "DESCRIBE_LOG_STREAMS, SERVER_ERROR, 12, false",
        "CANCEL_JOB_RUN, THROTTLE, 12, false", "CANCEL_JOB_RUN, SERVER_ERROR, 12, true",
        "CANCEL_JOB_RUN, SERVER_ERROR, 1000000, false",
        "LIST_AND_DESCRIBE, SERVER_ERROR, 1000000, false", "LIST_AND_DESCRIBE, SERVER_ERROR, 1000000, true",
        "GET_OBJECT, THROTTLE, 12, false", "GET_OBJECT, SERVER_ERROR, 12, true",
        "GET_OBJECT, DROP_CONNECTION, 6, false",
        "LIST_OBJECTS_V2, THROTTLE, 12, true", "LIST_OBJECTS_V2, SERVER_ERROR, 12, false"
    })
    void jobRunUnderFault(String target, Faults.Kind kind, int count, boolean restart) throws Exception {
        String name = ("emr-" + target + "-" + kind + "-" + count + (restart ? "-r" : "")).toLowerCase().replace('_', '-');
        boolean cancel = target.equals("CANCEL_JOB_RUN");
        boolean neverAnswers = target.equals("LIST_AND_DESCRIBE");
        boolean s3 = target.equals("GET_OBJECT") || target.equals("LIST_OBJECTS_V2");
        List<String> expected = IntStream.rangeClosed(1, 40).mapToObj(i -> name + " line " + i).toList();
        aws.script(name, JobScript.builder().pending(Duration.ofMillis(200)).submitted(Duration.ofMillis(200))
                .running(cancel || neverAnswers ? Duration.ofSeconds(60) : Duration.ofMillis(1500)).stdout(expected)
                .cancelPending(Duration.ofMillis(200)).build());
        EmrJobRequest.Builder b = EmrJobRequest.builder().name(name).virtualClusterId(VC).executionRoleArn(ROLE)
                .releaseLabel("emr-7.5.0-latest").sparkSubmit("s3://bucket/job.py", List.of(), null);
        EmrJobRequest request = (s3 ? b.s3Logs("s3://fault-logs/emr/") : b.cloudWatchLogs("/emr/faults", "f")).build();
        SubmissionKey key = new SubmissionKey("faults/" + name);
        WaitOptions options = WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(30)).withApiUnreachableTimeout(UNREACHABLE);
        Duration bound = neverAnswers ? UNREACHABLE.plus(Duration.ofSeconds(10)) : Duration.ofSeconds(40);
        int runsBefore = aws.jobRuns().size();
        Recorder first = new Recorder(s3 ? null : "cloudwatch:stdout");
        Recorder second = new Recorder(s3 ? null : "cloudwatch:stdout");
        List<Operation> ops = neverAnswers ? List.of(Operation.LIST_JOB_RUNS, Operation.DESCRIBE_JOB_RUN) : List.of(Operation.valueOf(target));
        JobResult result;
        long t0 = System.nanoTime();
        int pendingBefore;
        try (Engine engine = Engine.start()) {
            if (target.equals("START_JOB_RUN")) {
                inject(ops, kind, count);
            }
            JobReference ref = engine.backend().submit(request, key, first, options);
            JobWatch watch = engine.backend().watch(ref, options, first);
            if (!target.equals("START_JOB_RUN")) {
                inject(ops, kind, count);
            }
            JobWatch waiting = watch;
            Engine fresh = null;
            if (restart) {
                Thread.sleep(600); // mid-run
                watch.detach();
                JobReference saved = watch.reference();
                fresh = Engine.start();
                waiting = fresh.backend().watch(saved, options, second);
            }
            try {
                if (cancel) {
                    Thread.sleep(300);
                    result = waiting.cancel("fault suite").get(bound.toSeconds(), TimeUnit.SECONDS);
                } else {
                    result = waiting.result().get(bound.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                if (fresh != null) {
                    fresh.close();
                }
            }
        } finally {
            pendingBefore = ops.stream().mapToInt(op -> aws.faults().pending(op)).sum();
            aws.faults().clear();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - t0);
        int injected = (int) Math.min((long) count * ops.size() - pendingBefore, Integer.MAX_VALUE);
        Tally.FAULTS.addAndGet(injected);
        assertThat(injected).as("the faults reached the engine").isPositive();
        assertThat(waited).as("no wait past its bound").isLessThan(bound);

        List<String> delivered = new ArrayList<>(first.lines);
        delivered.addAll(second.lines);
        int lost;
        if (neverAnswers) {
            assertThat(result.state()).isEqualTo(JobState.UNKNOWN);
            assertThat(result.reason()).isEqualTo("ApiUnreachable");
            lost = 0; // the run had not finished: its remaining lines are not lost, they are still to come
        } else if (cancel && count > 1000) {
            assertThat(result.cancelConfirmed()).as("a cancel that never got through is not claimed").isFalse();
            lost = 0;
        } else if (cancel) {
            assertThat(result.state()).isEqualTo(JobState.CANCELLED);
            assertThat(result.cancelConfirmed()).isTrue();
            lost = 0;
        } else {
            assertThat(result.state()).isEqualTo(JobState.SUCCEEDED);
            lost = Tally.lost(expected, delivered);
        }
        int duplicated = Tally.duplicated(delivered);
        int runs = aws.jobRuns().size() - runsBefore;
        Tally.JOBS.incrementAndGet();
        Tally.RUNS_STARTED.addAndGet(runs);
        Tally.LINES_LOST.addAndGet(lost);
        Tally.LINES_DUPLICATED.addAndGet(duplicated);
        assertThat(lost).as("lines lost").isZero();
        assertThat(duplicated).as("lines duplicated").isZero();
        assertThat(runs).as("runs started").isEqualTo(1);
        Tally.SURVIVED.incrementAndGet();
    }

    /**
     * A restart whose detach lands while a driver log read is in flight: the emulator holds the read until the
     * detach has either returned or is waiting for that read, so the race between a read's delivery and the cursor
     * saved at the detach is met every time, not only when a sleep happens to line them up. CloudWatch's reads are
     * held mid-run, after the first lines arrived (FilterLogEvents with two runs sharing the log group, whose read
     * goes out without the log's lock); S3's after the end.
     */
    @ParameterizedTest(name = "restart while a {0} read is in flight")
    @CsvSource({"GET_LOG_EVENTS", "FILTER_LOG_EVENTS", "GET_OBJECT"})
    void restartWhileALogReadIsInFlight(Operation op) throws Exception {
        boolean s3 = op == Operation.GET_OBJECT;
        int jobs = op == Operation.FILTER_LOG_EVENTS ? 2 : 1;
        String base = ("emr-held-" + op).toLowerCase().replace('_', '-');
        WaitOptions options = WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(30)).withApiUnreachableTimeout(UNREACHABLE);
        int runsBefore = aws.jobRuns().size();
        List<List<String>> expected = new ArrayList<>();
        List<Recorder> first = new ArrayList<>();
        List<Recorder> second = new ArrayList<>();
        List<JobResult> results = new ArrayList<>();
        try (Engine engine = Engine.start(); Engine fresh = Engine.start()) {
            List<JobWatch> watches = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                String name = base + "-" + j;
                List<String> out = IntStream.rangeClosed(1, 40).mapToObj(i -> name + " line " + i).toList();
                List<String> err = IntStream.rangeClosed(1, 20).mapToObj(i -> name + " err " + i).toList();
                List<String> all = new ArrayList<>(out);
                all.addAll(err);
                expected.add(all);
                // both streams have lines, so whichever stream's read is held brings some
                aws.script(name, JobScript.builder().pending(Duration.ofMillis(200)).submitted(Duration.ofMillis(200))
                        .running(Duration.ofMillis(1500)).stdout(out).stderr(err).build());
                EmrJobRequest.Builder b = EmrJobRequest.builder().name(name).virtualClusterId(VC).executionRoleArn(ROLE)
                        .releaseLabel("emr-7.5.0-latest").sparkSubmit("s3://bucket/job.py", List.of(), null);
                EmrJobRequest request = (s3 ? b.s3Logs("s3://fault-logs/emr/") : b.cloudWatchLogs("/emr/held", "f")).build();
                Recorder r = new Recorder(s3 ? null : "cloudwatch:");
                first.add(r);
                second.add(new Recorder(s3 ? null : "cloudwatch:"));
                JobReference ref = engine.backend().submit(request, new SubmissionKey("faults/" + name), r, options);
                watches.add(engine.backend().watch(ref, options, r));
            }
            if (!s3) {
                // mid-run: the next read brings more
                waitUntil(() -> first.stream().allMatch(r -> !r.lines.isEmpty()), Duration.ofSeconds(20));
            }
            Faults.Hold hold = aws.faults().hold(op);
            assertThat(hold.awaitHeld(Duration.ofSeconds(20))).as("a log read was held").isTrue();
            List<JobReference> saved = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread detacher = new Thread(() -> {
                for (JobWatch w : watches) {
                    w.detach();
                    saved.add(w.reference());
                }
            }, "detacher");
            detacher.start();
            // the read goes on only once the detach is done or waits for it (blocked on the log, or parked)
            waitUntil(() -> detacher.getState() != Thread.State.RUNNABLE && detacher.getState() != Thread.State.NEW,
                    Duration.ofSeconds(20));
            hold.release();
            detacher.join(20_000);
            assertThat(detacher.isAlive()).as("the detach came back").isFalse();
            for (int j = 0; j < jobs; j++) {
                results.add(fresh.backend().watch(saved.get(j), options, second.get(j)).result().get(40, TimeUnit.SECONDS));
            }
        } finally {
            aws.faults().clear();
        }
        int runs = aws.jobRuns().size() - runsBefore;
        int lost = 0;
        int duplicated = 0;
        for (int j = 0; j < jobs; j++) {
            List<String> delivered = new ArrayList<>(first.get(j).lines);
            delivered.addAll(second.get(j).lines);
            lost += Tally.lost(expected.get(j), delivered);
            duplicated += Tally.duplicated(delivered);
        }
        Tally.FAULTS.incrementAndGet();
        Tally.JOBS.addAndGet(jobs);
        Tally.RUNS_STARTED.addAndGet(runs);
        Tally.LINES_LOST.addAndGet(lost);
        Tally.LINES_DUPLICATED.addAndGet(duplicated);
        assertThat(results).extracting(JobResult::state).containsOnly(JobState.SUCCEEDED);
        assertThat(lost).as("lines lost").isZero();
        assertThat(duplicated).as("lines duplicated").isZero();
        assertThat(runs).as("runs started").isEqualTo(jobs);
        Tally.SURVIVED.addAndGet(jobs);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + atMost + " for a condition").isLessThan(end);
            Thread.sleep(5);
        }
    }

    /**
     * The same key sent again under a DescribeJobRun storm at submit: the run's spec tag is still read, so the same
     * request attaches to the one run and another job under the key is refused; neither waits past the start timeout.
     */
    @ParameterizedTest(name = "{0} x{1} on DescribeJobRun at a repeated submit")
    @CsvSource({"THROTTLE, 12", "SERVER_ERROR, 12"})
    void repeatedKeyUnderDescribeFaultsAtSubmit(Faults.Kind kind, int count) throws Exception {
        String name = ("emr-resubmit-" + kind).toLowerCase().replace('_', '-');
        aws.script(name, JobScript.builder().pending(Duration.ofMillis(100)).running(Duration.ofMillis(300)).build());
        EmrJobRequest.Builder b = EmrJobRequest.builder().name(name).virtualClusterId(VC).executionRoleArn(ROLE)
                .releaseLabel("emr-7.5.0-latest").cloudWatchLogs("/emr/faults", "f");
        EmrJobRequest request = b.sparkSubmit("s3://bucket/job.py", List.of(), null).build();
        EmrJobRequest other = b.sparkSubmit("s3://bucket/other.py", List.of(), null).build();
        SubmissionKey key = new SubmissionKey("faults/" + name);
        WaitOptions options = WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(20));
        int runsBefore = aws.jobRuns().size();
        int injected = 0;
        long t0 = System.nanoTime();
        try (Engine engine = Engine.start()) {
            JobReference first = engine.backend().submit(request, key, new Recorder(null), options);
            inject(List.of(Operation.DESCRIBE_JOB_RUN), kind, count);
            JobReference again = engine.backend().submit(request, key, new Recorder(null), options);
            injected += count - aws.faults().pending(Operation.DESCRIBE_JOB_RUN);
            aws.faults().clear();
            inject(List.of(Operation.DESCRIBE_JOB_RUN), kind, count);
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                    () -> engine.backend().submit(other, key, new Recorder(null), options));
            injected += count - aws.faults().pending(Operation.DESCRIBE_JOB_RUN);

            assertThat(again.displayId()).isEqualTo(first.displayId());
            assertThat(refused).as("another job under the key").isNotNull().hasMessageContaining(key.value());
        } finally {
            aws.faults().clear();
        }
        Tally.FAULTS.addAndGet(injected);
        Tally.JOBS.incrementAndGet();
        int runs = aws.jobRuns().size() - runsBefore;
        Tally.RUNS_STARTED.addAndGet(runs);
        assertThat(injected).as("the faults reached the engine").isEqualTo(2 * count);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("no wait past its bound")
                .isLessThan(Duration.ofSeconds(40));
        assertThat(runs).as("runs started").isEqualTo(1);
        Tally.SURVIVED.incrementAndGet();
    }

    /** Several runs in one log group are read together with FilterLogEvents: its faults, mid-run, with a restart. */
    @ParameterizedTest(name = "{0} x{1} on FILTER_LOG_EVENTS, three runs, restart mid-run: {2}")
    @CsvSource({"THROTTLE, 12, true", "SERVER_ERROR, 12, false", "DROP_CONNECTION, 6, true"})
    void runsReadTogetherUnderFilterLogEventsFault(Faults.Kind kind, int count, boolean restart) throws Exception {
        String base = ("emr-fle-" + kind + (restart ? "-r" : "")).toLowerCase().replace('_', '-');
        int runs = 3;
        List<List<String>> expected = new ArrayList<>();
        List<Recorder> first = new ArrayList<>();
        List<Recorder> second = new ArrayList<>();
        List<JobWatch> watches = new ArrayList<>();
        WaitOptions options = WaitOptions.DEFAULT.withStartTimeout(Duration.ofSeconds(30))
                .withApiUnreachableTimeout(UNREACHABLE);
        List<JobResult> results = new ArrayList<>();
        int pendingBefore;
        try (Engine engine = Engine.start()) {
            for (int i = 0; i < runs; i++) {
                String name = base + "-" + i;
                List<String> lines = IntStream.rangeClosed(1, 40).mapToObj(n -> name + " line " + n).toList();
                expected.add(lines);
                aws.script(name, JobScript.builder().pending(Duration.ofMillis(200)).submitted(Duration.ofMillis(200))
                        .running(Duration.ofMillis(1500)).stdout(lines).build());
                EmrJobRequest request = EmrJobRequest.builder().name(name).virtualClusterId(VC).executionRoleArn(ROLE)
                        .releaseLabel("emr-7.5.0-latest").sparkSubmit("s3://bucket/job.py", List.of(), null)
                        .cloudWatchLogs("/emr/faults", "f").build();
                Recorder r = new Recorder("cloudwatch:stdout");
                first.add(r);
                second.add(new Recorder("cloudwatch:stdout"));
                JobReference ref = engine.backend().submit(request, new SubmissionKey("faults/" + name), r, options);
                watches.add(engine.backend().watch(ref, options, r));
            }
            inject(List.of(Operation.FILTER_LOG_EVENTS), kind, count);
            Engine fresh = null;
            try {
                if (restart) {
                    Thread.sleep(600); // mid-run
                    fresh = Engine.start();
                    for (int i = 0; i < runs; i++) {
                        JobWatch w = watches.get(i);
                        w.detach();
                        watches.set(i, fresh.backend().watch(w.reference(), options, second.get(i)));
                    }
                }
                for (JobWatch w : watches) {
                    results.add(w.result().get(40, TimeUnit.SECONDS));
                }
            } finally {
                if (fresh != null) {
                    fresh.close();
                }
            }
        } finally {
            pendingBefore = aws.faults().pending(Operation.FILTER_LOG_EVENTS);
            aws.faults().clear();
        }
        assertThat(count - pendingBefore).as("the faults reached the engine").isPositive();
        for (int i = 0; i < runs; i++) {
            assertThat(results.get(i).state()).isEqualTo(JobState.SUCCEEDED);
            List<String> delivered = new ArrayList<>(first.get(i).lines);
            delivered.addAll(second.get(i).lines);
            assertThat(Tally.lost(expected.get(i), delivered)).as("lines lost").isZero();
            assertThat(Tally.duplicated(delivered)).as("lines duplicated").isZero();
        }
    }

    private static void inject(List<Operation> ops, Faults.Kind kind, int count) {
        for (Operation op : ops) {
            switch (kind) {
                case THROTTLE -> aws.faults().throttle(op, count);
                case SERVER_ERROR -> aws.faults().serverError(op, count);
                case DROP_CONNECTION -> aws.faults().dropConnection(op, count);
            }
        }
    }
}
