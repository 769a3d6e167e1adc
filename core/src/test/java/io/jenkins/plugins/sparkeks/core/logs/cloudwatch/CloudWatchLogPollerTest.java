package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The log group poller against the emulator's CloudWatch Logs (real wire format): many jobs' streams read with few
 * FilterLogEvents calls, each line exactly once through interleaved and same-millisecond events, throttling
 * between pages and a resume from encoded positions.
 */
class CloudWatchLogPollerTest {

    private static final String GROUP = "/emr/poller";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AwsEmulator aws = AwsEmulator.start();
    private final CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(aws.endpoint())
            .region(Region.of(aws.region()))
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            // the poller's own limiter handles throttling; SDK retries would hide the injected faults
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .addExecutionInterceptor(new FilterCalls()))
            .build();
    /** FilterLogEvents calls in flight now and at most, and what each call does to the test's clock. */
    private final AtomicInteger filtersInFlight = new AtomicInteger();
    private final AtomicInteger mostFiltersInFlight = new AtomicInteger();
    private volatile Runnable onFilter = () -> { };

    private final class FilterCalls implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof FilterLogEventsRequest) {
                mostFiltersInFlight.accumulateAndGet(filtersInFlight.incrementAndGet(), Math::max);
                onFilter.run();
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (context.request() instanceof FilterLogEventsRequest) {
                filtersInFlight.decrementAndGet();
            }
        }
    }
    private final AtomicLong now = new AtomicLong();
    /** Lines delivered per job, in delivery order. */
    private final Map<Integer, List<String>> delivered = new LinkedHashMap<>();
    /** Lines written per job and stream, in time order. */
    private final Map<Integer, Map<String, List<String>>> written = new LinkedHashMap<>();

    @AfterEach
    void close() {
        logs.close();
        aws.close();
    }

    private static String path(int job) {
        return "pfx/vc1/jobs/jr-" + job + "/containers/spark-jr-" + job + "/spark-jr-" + job + "-driver/";
    }

    /** Writes one event; {@code ms} after T0, so jobs' events interleave and several share a millisecond. */
    private void write(int job, String kind, long ms, String text) {
        aws.logEvent(GROUP, path(job) + kind, T0.plusMillis(ms), text);
        written.computeIfAbsent(job, j -> new LinkedHashMap<>()).computeIfAbsent(kind, k -> new ArrayList<>()).add(text);
    }

    private void writeRound(int jobs, int round) {
        for (int j = 0; j < jobs; j++) {
            long base = round * 1000L + (j % 7); // 7 jobs share each millisecond
            write(j, "stdout", base, "j" + j + " out " + round + "a");
            write(j, "stdout", base, "j" + j + " out " + round + "b"); // same millisecond, same stream
            write(j, "stderr", base, "j" + j + " err " + round); // same millisecond, other stream
            write(j, "stdout", base + 1, "j" + j + " out " + round + "c");
        }
    }

    private CloudWatchRateLimiter limiter(double perSecond) {
        Map<CloudWatchRateLimiter.Operation, Double> rates = new EnumMap<>(CloudWatchRateLimiter.Operation.class);
        for (CloudWatchRateLimiter.Operation op : CloudWatchRateLimiter.Operation.values()) {
            rates.put(op, perSecond);
        }
        return new CloudWatchRateLimiter(rates, now::get, Duration.ofMillis(100), Duration.ofMillis(100));
    }

    private CloudWatchLogPoller poller(CloudWatchRateLimiter limiter, Integer eventsPerCall) {
        return poller(limiter, eventsPerCall, mock(ScheduledExecutorService.class));
    }

    private CloudWatchLogPoller poller(CloudWatchRateLimiter limiter, Integer eventsPerCall,
            ScheduledExecutorService scheduler) {
        return new CloudWatchLogPoller(GROUP, limiter, scheduler, Duration.ofSeconds(2), () -> { }, now::get,
                eventsPerCall);
    }

    @Test
    void aTicksBatchesAreReadTwoAtATimeWithAHelperOnTheSharedScheduler() throws Exception {
        int jobs = 150; // 300 streams: three FilterLogEvents batches of 100 names
        writeRound(jobs, 0);
        aws.faults().latency(Operation.FILTER_LOG_EVENTS, Duration.ofMillis(300));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // the ticks themselves are driven here; only the helpers run on the pool
            ScheduledExecutorService scheduler = mock(ScheduledExecutorService.class);
            doAnswer(call -> {
                pool.execute(call.getArgument(0));
                return null;
            }).when(scheduler).execute(any(Runnable.class));
            CloudWatchLogPoller poller = poller(limiter(1000), null, scheduler);
            follow(poller, jobs, Map.of());
            poller.runOnce();
        } finally {
            pool.shutdownNow();
        }
        assertExactlyOnce(jobs);
        assertThat(aws.calls(Operation.FILTER_LOG_EVENTS)).isEqualTo(3);
        assertThat(mostFiltersInFlight.get()).as("batches in flight at once, bounded")
                .isEqualTo(CloudWatchLogPoller.MAX_IN_FLIGHT);
    }

    @Test
    void aTickThatOverranStartsTheNextAfterAShortGapNotAWholeInterval() {
        writeRound(2, 0);
        ScheduledExecutorService scheduler = mock(ScheduledExecutorService.class);
        doReturn(mock(ScheduledFuture.class)).when(scheduler).schedule(any(Runnable.class), anyLong(),
                any(TimeUnit.class));
        CloudWatchLogPoller poller = poller(limiter(1000), null, scheduler);
        follow(poller, 2, Map.of());
        onFilter = () -> now.addAndGet(Duration.ofSeconds(3).toNanos()); // a slow read: the tick takes 3 s
        poller.runOnce();
        onFilter = () -> now.addAndGet(Duration.ofMillis(500).toNanos());
        writeRound(2, 1);
        poller.runOnce();

        ArgumentCaptor<Long> delays = ArgumentCaptor.forClass(Long.class);
        ArgumentCaptor<TimeUnit> units = ArgumentCaptor.forClass(TimeUnit.class);
        verify(scheduler, org.mockito.Mockito.times(3)).schedule(any(Runnable.class), delays.capture(),
                units.capture());
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            millis.add(units.getAllValues().get(i).toMillis(delays.getAllValues().get(i)));
        }
        assertThat(millis).as("first tick at once; after 3 s a quarter interval; after 0.5 s the rest of 2 s")
                .containsExactly(0L, 500L, 1500L);
        assertExactlyOnce(2);
    }

    private List<CloudWatchDriverLog> follow(CloudWatchLogPoller poller, int jobs,
            Map<Integer, Map<String, StreamPosition>> positions) {
        List<CloudWatchDriverLog> followers = new ArrayList<>();
        for (int j = 0; j < jobs; j++) {
            List<String> mine = delivered.computeIfAbsent(j, k -> new CopyOnWriteArrayList<>());
            CloudWatchDriverLog f = new CloudWatchDriverLog(logs, GROUP, path(j), positions.getOrDefault(j, Map.of()),
                    (LogLine l) -> mine.add(l.text()), now::get);
            poller.add(f);
            followers.add(f);
        }
        return followers;
    }

    private void assertExactlyOnce(int jobs) {
        for (int j = 0; j < jobs; j++) {
            List<String> got = delivered.get(j);
            List<String> all = new ArrayList<>(written.get(j).get("stdout"));
            all.addAll(written.get(j).get("stderr"));
            assertThat(got).as("job %s", j).containsExactlyInAnyOrderElementsOf(all);
            // each stream in its own order
            assertThat(got.stream().filter(written.get(j).get("stdout")::contains).toList())
                    .containsExactlyElementsOf(written.get(j).get("stdout"));
        }
    }

    @Test
    void readsManyJobsWithFewCallsAndEachLineOnce() {
        int jobs = 120; // 240 streams: three FilterLogEvents batches
        writeRound(jobs, 0);
        CloudWatchLogPoller poller = poller(limiter(1000), null);
        follow(poller, jobs, Map.of());
        poller.runOnce();
        assertExactlyOnce(jobs);
        assertThat(aws.calls(Operation.FILTER_LOG_EVENTS)).isEqualTo(3);
        assertThat(aws.calls(Operation.DESCRIBE_LOG_STREAMS)).as("pages of 50 under one prefix")
                .isEqualTo(5);
        assertThat(aws.calls(Operation.GET_LOG_EVENTS)).isZero();

        // more events, among them some in the very millisecond the cursors stand at
        for (int j = 0; j < jobs; j++) {
            write(j, "stdout", 1 + (j % 7), "j" + j + " late same ms");
        }
        writeRound(jobs, 1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        poller.runOnce();
        assertExactlyOnce(jobs);
        assertThat(aws.calls(Operation.FILTER_LOG_EVENTS)).isEqualTo(6);
        assertThat(aws.calls(Operation.DESCRIBE_LOG_STREAMS)).as("nothing left to look up").isEqualTo(5);
    }

    @Test
    void throttlingBetweenPagesAndAResumeMidBatchRepeatAndLoseNothing() {
        int jobs = 60;
        writeRound(jobs, 0);
        writeRound(jobs, 1);
        // one permit a round for each operation and pages of 50 events: every batch is read over many rounds
        CloudWatchRateLimiter limiter = limiter(0.5);
        CloudWatchLogPoller first = poller(limiter, 50);
        List<CloudWatchDriverLog> followers = follow(first, jobs, Map.of());
        for (int i = 0; i < 40; i++) {
            first.runOnce();
            now.addAndGet(Duration.ofSeconds(2).toNanos());
        }
        aws.faults().throttle(Operation.FILTER_LOG_EVENTS, 2).throttle(Operation.GET_LOG_EVENTS, 1);
        for (int i = 0; i < 6; i++) {
            first.runOnce();
            now.addAndGet(Duration.ofSeconds(2).toNanos());
        }
        assertThat(aws.faults().pending(Operation.FILTER_LOG_EVENTS)).as("the throttling reached the poller").isZero();
        assertThat(delivered.values().stream().mapToInt(List::size).sum()).as("part read, not all")
                .isPositive().isLessThan(jobs * 8);

        // another process resumes from the encoded positions, as a restarted controller would
        Map<Integer, Map<String, StreamPosition>> saved = new LinkedHashMap<>();
        for (int j = 0; j < jobs; j++) {
            Map<String, StreamPosition> p = new LinkedHashMap<>();
            followers.get(j).positions().forEach((k, v) -> p.put(k, StreamPosition.decode(v.encode())));
            saved.put(j, p);
            followers.get(j).stop();
        }
        writeRound(jobs, 2);
        CloudWatchLogPoller second = poller(limiter(1000), 50);
        follow(second, jobs, saved);
        for (int i = 0; i < 10; i++) {
            second.runOnce();
            now.addAndGet(Duration.ofSeconds(2).toNanos());
        }
        assertExactlyOnce(jobs);
    }

    @Test
    void aStreamMovingBetweenGetLogEventsAndFilterLogEventsKeepsItsPlace() {
        CloudWatchLogPoller poller = poller(limiter(1000), null);
        writeRound(2, 0);
        follow(poller, 1, Map.of()); // alone: GetLogEvents, forward tokens
        poller.runOnce();
        assertThat(aws.calls(Operation.GET_LOG_EVENTS)).isEqualTo(2);
        writeRound(2, 1);
        List<String> other = delivered.computeIfAbsent(1, k -> new CopyOnWriteArrayList<>());
        CloudWatchDriverLog second = new CloudWatchDriverLog(logs, GROUP, path(1), Map.of(),
                (LogLine l) -> other.add(l.text()), now::get);
        poller.add(second); // two jobs: one FilterLogEvents call, the first job's token now stands too early
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        poller.runOnce();
        assertThat(aws.calls(Operation.FILTER_LOG_EVENTS)).isEqualTo(1);
        second.stop();
        writeRound(2, 2);
        written.get(1).values().forEach(l -> l.removeIf(t -> t.contains(" 2")));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        poller.runOnce(); // alone again: GetLogEvents from the time cursor, not from the stale token
        assertThat(aws.calls(Operation.GET_LOG_EVENTS)).isEqualTo(4);
        assertExactlyOnce(2);
    }

    @Test
    void aStreamThatNeverAppearsIsNotLookedUpAgainEveryTick() {
        int jobs = 60; // stdout only: 60 streams under the prefix, two pages, and 60 stderr streams never there
        for (int j = 0; j < jobs; j++) {
            write(j, "stdout", j, "j" + j + " only line");
        }
        CloudWatchLogPoller poller = poller(limiter(1000), null);
        follow(poller, jobs, Map.of());
        for (int tick = 0; tick <= CloudWatchLogPoller.RESCAN_TICKS; tick++) {
            poller.runOnce();
            now.addAndGet(Duration.ofSeconds(2).toNanos());
        }
        // the first whole lookup found streams, so another follows at once; it finds none: then a pause
        assertThat(aws.calls(Operation.DESCRIBE_LOG_STREAMS)).as("two whole lookups in %s ticks",
                CloudWatchLogPoller.RESCAN_TICKS + 1).isEqualTo(4);
        poller.runOnce();
        assertThat(aws.calls(Operation.DESCRIBE_LOG_STREAMS)).as("looked up again later").isEqualTo(6);
        assertThat(delivered.values()).allSatisfy(l -> assertThat(l).hasSize(1));
    }

    @Test
    void streamsThatKeepAppearingAreLookedUpTickAfterTickNotAfterTheRescanPause() {
        int jobs = 60;
        CloudWatchLogPoller poller = poller(limiter(1000), null);
        follow(poller, jobs, Map.of());
        aws.logStream(GROUP, "pfx/vc1/jobs/other/stream"); // the group exists, none of our streams yet
        poller.runOnce(); // every stream is confirmed missing
        writeJobs(0, jobs / 2); // half the runs start
        for (int tick = 0; tick < CloudWatchLogPoller.RESCAN_TICKS; tick++) {
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            poller.runOnce(); // the last of these is the rescan after the pause: it finds the first half
        }
        assertThat(delivered.get(0)).isNotEmpty();
        int lookups = aws.calls(Operation.DESCRIBE_LOG_STREAMS);
        writeJobs(jobs / 2, jobs); // the other half starts
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        poller.runOnce();
        assertThat(aws.calls(Operation.DESCRIBE_LOG_STREAMS)).as("a lookup right after one that found streams")
                .isGreaterThan(lookups);
        assertExactlyOnce(jobs);
    }

    private void writeJobs(int from, int to) {
        for (int j = from; j < to; j++) {
            write(j, "stdout", j, "j" + j + " out");
            write(j, "stderr", j, "j" + j + " err");
        }
    }

    @Test
    void aJobThatEndsWithAStreamNeverWrittenIsLookedUpAtOnceSoItsLogCompletes() {
        write(0, "stdout", 0, "j0 only line"); // the driver never writes to stderr
        CloudWatchLogPoller poller = poller(limiter(1000), null);
        CloudWatchDriverLog log = follow(poller, 1, Map.of()).get(0);
        poller.runOnce(); // a whole lookup: stderr is confirmed missing, and not looked up again for a while
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        int lookups = aws.calls(Operation.DESCRIBE_LOG_STREAMS);

        CompletableFuture<CloudWatchDriverLog.DrainOutcome> drained =
                log.drain(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(90));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        poller.runOnce(); // the first tick after the end

        assertThat(aws.calls(Operation.DESCRIBE_LOG_STREAMS)).as("a lookup right after the end").isEqualTo(lookups + 1);
        assertThat(drained).as("the log is complete one tick after the end, not %s ticks later",
                CloudWatchLogPoller.RESCAN_TICKS).isDone();
        assertThat(delivered.get(0)).containsExactly("j0 only line");
    }

    @Test
    void aJobAloneWithAnEmptyStreamDrainsCompleteOnceQuiet() {
        write(0, "stdout", 0, "j0 out 1");
        write(0, "stdout", 1, "j0 out 2");
        aws.logStream(GROUP, path(0) + "stderr"); // the driver wrote nothing to stderr: the stream exists, empty
        CloudWatchLogPoller poller = poller(limiter(1000), null);
        CloudWatchDriverLog log = follow(poller, 1, Map.of()).get(0);
        poller.runOnce();
        CompletableFuture<CloudWatchDriverLog.DrainOutcome> drained =
                log.drain(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(90));
        for (int tick = 0; tick < 3 && !drained.isDone(); tick++) {
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            poller.runOnce();
        }
        assertThat(drained).as("quiet within a few ticks, not at the 90 s limit").isCompletedWithValue(
                CloudWatchDriverLog.DrainOutcome.COMPLETE);
        assertThat(delivered.get(0)).containsExactly("j0 out 1", "j0 out 2");
    }

    @Test
    void aStreamLeftAloneAfterABatchIsReadOnByItsTimeCursorAndRepeatsNothing() {
        for (int n = 0; n < 10; n++) {
            write(0, "stdout", n * 10L, "j0 line " + n);
            write(1, "stdout", n * 10L + 1, "j1 line " + n);
        }
        write(0, "stderr", 0, "j0 err");
        write(1, "stderr", 1, "j1 err");
        CloudWatchLogPoller poller = poller(limiter(1000), null);
        List<CloudWatchDriverLog> logs = follow(poller, 2, Map.of());
        poller.runOnce(); // both jobs: one FilterLogEvents read
        logs.get(1).stop(); // job 1 is gone: job 0 is read alone from now on
        for (int round = 0; round < 3; round++) {
            for (int n = 0; n < 5; n++) {
                write(0, "stdout", 1000L + round * 100 + n, "j0 more " + round + "." + n);
            }
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            poller.runOnce();
        }
        List<String> expected = new ArrayList<>(written.get(0).get("stdout"));
        expected.addAll(written.get(0).get("stderr"));
        assertThat(delivered.get(0)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aPositionWithOnlyAForwardTokenIsContinuedByToken() {
        writeRound(2, 0);
        // written before time cursors: two stdout lines read, token after the second event
        Map<Integer, Map<String, StreamPosition>> old = Map.of(0, Map.of("stdout",
                StreamPosition.decode("2|2|f/" + String.format("%020d", 2))));
        CloudWatchLogPoller poller = poller(limiter(1000), null);
        follow(poller, 2, old);
        poller.runOnce();
        assertThat(delivered.get(0)).containsExactlyInAnyOrder("j0 out 0c", "j0 err 0");
        assertThat(delivered.get(1)).hasSize(4);
        writeRound(2, 1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        poller.runOnce();
        assertThat(delivered.get(0)).hasSize(2 + 4).doesNotHaveDuplicates();
    }
}
