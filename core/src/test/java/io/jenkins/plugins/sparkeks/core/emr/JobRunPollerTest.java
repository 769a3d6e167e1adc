package io.jenkins.plugins.sparkeks.core.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.DescribeJobRunRequest;
import software.amazon.awssdk.services.emrcontainers.model.EmrContainersException;
import software.amazon.awssdk.services.emrcontainers.model.JobRun;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;
import software.amazon.awssdk.services.emrcontainers.model.ListJobRunsRequest;
import software.amazon.awssdk.services.emrcontainers.model.ListJobRunsResponse;

/** The shared poller's call pattern and failure handling, with a mocked client. */
class JobRunPollerTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private final EmrContainersClient emr = mock(EmrContainersClient.class);
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private boolean idle;
    private final JobRunPoller poller = new JobRunPoller(emr, "vc1", scheduler, EmrPollSettings.fast(), () -> idle = true);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private JobRunPoller.Listener listener(String id) {
        return new JobRunPoller.Listener() {
            @Override
            public void update(JobRun run) {
                events.add(id + ":" + run.stateAsString());
            }

            @Override
            public void failed(String problem) {
                events.add(id + ":failed:" + problem);
            }
        };
    }

    private static JobRun run(String id, JobRunState state) {
        return JobRun.builder().id(id).virtualClusterId("vc1").state(state).createdAt(CREATED).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void unchangedRunsCostOneListCallPerLookAndNoDescribe() {
        List<JobRun> running = IntStream.range(0, 30).mapToObj(i -> run("jr" + i, JobRunState.RUNNING)).toList();
        when(emr.listJobRuns(any(ListJobRunsRequest.class))).thenReturn(ListJobRunsResponse.builder().jobRuns(running).build());
        running.forEach(r -> poller.watch(r.id(), CREATED, listener(r.id())));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> verify(emr, atLeast(5)).listJobRuns(any(ListJobRunsRequest.class)));
        assertThat(events).hasSize(30);
        verify(emr, never()).describeJobRun(any(Consumer.class));
        verify(emr, never()).describeJobRun(any(DescribeJobRunRequest.class));
        assertThat(events).allMatch(e -> e.endsWith(":RUNNING"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunTheListKeepsShowingUnchangedIsDescribedDirectlyNowAndThen() {
        // the list lags: it keeps showing the run RUNNING although it has ended
        when(emr.listJobRuns(any(ListJobRunsRequest.class)))
                .thenReturn(ListJobRunsResponse.builder().jobRuns(run("jr1", JobRunState.RUNNING)).build());
        when(emr.describeJobRun(any(Consumer.class))).thenReturn(
                software.amazon.awssdk.services.emrcontainers.model.DescribeJobRunResponse.builder()
                        .jobRun(run("jr1", JobRunState.COMPLETED)).build());
        poller.watch("jr1", CREATED, listener("jr1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("jr1:COMPLETED"));
        assertThat(events).containsExactly("jr1:RUNNING", "jr1:COMPLETED");
        verify(emr, atLeast(JobRunPoller.RECHECK_AFTER_ROUNDS)).listJobRuns(any(ListJobRunsRequest.class));
    }

    @Test
    void permissionErrorsEndEveryWatchWithTheReasonAfterSomeTries() {
        when(emr.listJobRuns(any(ListJobRunsRequest.class))).thenThrow((EmrContainersException) EmrContainersException.builder()
                .statusCode(403).awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: emr-containers:ListJobRuns").build()).build());
        poller.watch("jr1", CREATED, listener("jr1"));
        poller.watch("jr2", CREATED, listener("jr2"));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
        assertThat(events).allMatch(e -> e.contains(":failed:") && e.contains("AccessDeniedException")
                && e.contains("emr-containers:ListJobRuns") && e.contains("resume to look again"));
        await().atMost(Duration.ofSeconds(5)).until(() -> idle);
        assertThat(poller.watch("jr3", CREATED, listener("jr3"))).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsAskForTheLargePageSoManyRunsCostOneCall() {
        List<ListJobRunsRequest> asked = new CopyOnWriteArrayList<>();
        when(emr.listJobRuns(any(ListJobRunsRequest.class))).thenAnswer(a -> {
            asked.add(a.getArgument(0));
            return ListJobRunsResponse.builder().jobRuns(run("jr1", JobRunState.RUNNING)).build();
        });
        poller.watch("jr1", CREATED, listener("jr1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() >= 2);
        assertThat(asked).allMatch(r -> Integer.valueOf(JobRunPoller.LIST_PAGE_SIZE).equals(r.maxResults()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServiceThatRefusesTheLargePageIsAskedForItsDefaultPage() {
        List<ListJobRunsRequest> asked = new CopyOnWriteArrayList<>();
        when(emr.listJobRuns(any(ListJobRunsRequest.class))).thenAnswer(a -> {
            ListJobRunsRequest r = a.getArgument(0);
            asked.add(r);
            if (r.maxResults() != null) {
                throw software.amazon.awssdk.services.emrcontainers.model.ValidationException.builder()
                        .message("maxResults must be at most 50").build();
            }
            return ListJobRunsResponse.builder().jobRuns(run("jr1", JobRunState.RUNNING)).build();
        });
        poller.watch("jr1", CREATED, listener("jr1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> asked.size() >= 4);
        assertThat(events).containsExactly("jr1:RUNNING");
        assertThat(asked.stream().filter(r -> r.maxResults() != null)).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTheEndedListFailsRunsThatEndTogetherAreDescribedAFewPerTickOldestFirstAndAllFinishSoon() {
        int n = 100;
        List<String> calls = new CopyOnWriteArrayList<>(); // "L" per list, the run's id per describe
        java.util.Set<String> ended = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<JobRun> running = IntStream.range(0, n).mapToObj(i -> run("jr" + i, JobRunState.RUNNING)).toList();
        java.util.concurrent.atomic.AtomicInteger listsAfterFirstWave = new java.util.concurrent.atomic.AtomicInteger(-1);
        when(emr.listJobRuns(any(ListJobRunsRequest.class))).thenAnswer(a -> {
            if (((ListJobRunsRequest) a.getArgument(0)).states().equals(EmrStates.TERMINAL)) {
                throw EmrContainersException.builder().statusCode(500).message("internal error").build();
            }
            calls.add("L");
            if (listsAfterFirstWave.get() >= 0 && listsAfterFirstWave.incrementAndGet() == 2) {
                running.forEach(r -> ended.add(r.id())); // the second half ends while the first still waits
            }
            return ListJobRunsResponse.builder()
                    .jobRuns(running.stream().filter(r -> !ended.contains(r.id())).toList()).build();
        });
        when(emr.describeJobRun(any(Consumer.class))).thenAnswer(a -> {
            DescribeJobRunRequest.Builder b = DescribeJobRunRequest.builder();
            ((Consumer<DescribeJobRunRequest.Builder>) a.getArgument(0)).accept(b);
            String id = b.build().id();
            calls.add(id);
            return software.amazon.awssdk.services.emrcontainers.model.DescribeJobRunResponse.builder()
                    .jobRun(run(id, JobRunState.COMPLETED)).build();
        });
        running.forEach(r -> poller.watch(r.id(), CREATED, listener(r.id())));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == n);
        int listsBefore = (int) calls.stream().filter("L"::equals).count();
        running.subList(0, n / 2).forEach(r -> ended.add(r.id()));
        listsAfterFirstWave.set(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2 * n);
        List<List<String>> perTick = new java.util.ArrayList<>();
        for (String c : calls) {
            if (c.equals("L")) {
                perTick.add(new java.util.ArrayList<>());
            } else {
                perTick.get(perTick.size() - 1).add(c);
            }
        }
        assertThat(perTick).allMatch(t -> t.size() <= JobRunPoller.DESCRIBES_PER_TICK);
        assertThat(perTick.size() - listsBefore).isLessThanOrEqualTo(n / JobRunPoller.DESCRIBES_PER_TICK + 2);
        List<String> described = calls.stream().filter(c -> !c.equals("L")).toList();
        assertThat(described).doesNotHaveDuplicates().hasSize(n);
        assertThat(described.subList(0, n / 2))
                .containsExactlyInAnyOrderElementsOf(running.subList(0, n / 2).stream().map(JobRun::id).toList());
    }

    /** EMR as the confirmation tests see it: which runs ended, the calls made, the ended list paged by 50. */
    private final java.util.Set<String> endedInEmr = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<ListJobRunsRequest> endLists = new CopyOnWriteArrayList<>();
    private final List<String> describes = new CopyOnWriteArrayList<>();
    private volatile boolean endListFails;

    @SuppressWarnings("unchecked")
    private List<JobRun> emrWith(int n) {
        List<JobRun> runs = IntStream.range(0, n).mapToObj(i -> run("jr" + i, JobRunState.RUNNING)).toList();
        when(emr.listJobRuns(any(ListJobRunsRequest.class))).thenAnswer(a -> {
            ListJobRunsRequest r = a.getArgument(0);
            if (!r.states().equals(EmrStates.TERMINAL)) {
                return ListJobRunsResponse.builder()
                        .jobRuns(runs.stream().filter(j -> !endedInEmr.contains(j.id())).toList()).build();
            }
            endLists.add(r);
            if (endListFails) {
                throw EmrContainersException.builder().statusCode(500).message("internal error").build();
            }
            List<JobRun> ended = runs.stream().filter(j -> endedInEmr.contains(j.id()))
                    .map(j -> run(j.id(), JobRunState.COMPLETED)).toList();
            int from = r.nextToken() == null ? 0 : Integer.parseInt(r.nextToken());
            int to = Math.min(ended.size(), from + 50);
            return ListJobRunsResponse.builder().jobRuns(ended.subList(from, to))
                    .nextToken(to < ended.size() ? String.valueOf(to) : null).build();
        });
        when(emr.describeJobRun(any(Consumer.class))).thenAnswer(a -> {
            DescribeJobRunRequest.Builder b = DescribeJobRunRequest.builder();
            ((Consumer<DescribeJobRunRequest.Builder>) a.getArgument(0)).accept(b);
            String id = b.build().id();
            describes.add(id);
            return software.amazon.awssdk.services.emrcontainers.model.DescribeJobRunResponse.builder()
                    .jobRun(run(id, endedInEmr.contains(id) ? JobRunState.COMPLETED : JobRunState.RUNNING)).build();
        });
        return runs;
    }

    /** Signals the given runs' pod ends while the poller's thread is held, so one tick sees them all. */
    private void signalTogether(List<String> ids) throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        scheduler.execute(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.await();
        ids.forEach(poller::confirm);
        release.countDown();
    }

    private void allRunning(List<JobRun> runs) {
        runs.forEach(r -> poller.watch(r.id(), CREATED, listener(r.id())));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == runs.size());
        describes.clear();
    }

    @Test
    void manyPodEndingsAreConfirmedByListingTheEndedRunsAPageAtATimeWithoutOneCallEach() throws Exception {
        List<JobRun> runs = emrWith(200);
        allRunning(runs);
        runs.forEach(r -> endedInEmr.add(r.id()));

        signalTogether(runs.stream().map(JobRun::id).toList());

        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().filter(e -> e.endsWith(":COMPLETED")).count() == 200);
        assertThat(describes).isEmpty();
        assertThat(endLists).hasSize(200 / 50);
        assertThat(endLists).allSatisfy(r -> {
            assertThat(r.virtualClusterId()).isEqualTo("vc1");
            assertThat(r.createdAfter()).isBeforeOrEqualTo(CREATED);
            assertThat(r.createdBefore()).isAfterOrEqualTo(CREATED);
        });
    }

    @Test
    void runsLeavingTheActiveListTogetherAreFoundByListingTheEndedRunsNotByOneDescribeEach() {
        List<JobRun> runs = emrWith(200);
        allRunning(runs);
        runs.subList(0, 120).forEach(r -> endedInEmr.add(r.id()));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter(e -> e.endsWith(":COMPLETED")).count() == 120);
        assertThat(describes).isEmpty();
        assertThat(endLists).hasSize(3); // 120 ended runs, 50 a page
        assertThat(events.stream().filter(e -> e.endsWith(":COMPLETED")))
                .containsExactlyInAnyOrderElementsOf(runs.subList(0, 120).stream().map(r -> r.id() + ":COMPLETED").toList());

        // two at a time are described: an exact answer for the price of a list page
        endLists.clear();
        endedInEmr.add("jr150");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("jr150:COMPLETED"));
        assertThat(describes).containsExactly("jr150");
        assertThat(endLists).isEmpty();
    }

    @Test
    void oneOrTwoPodEndingsAreConfirmedByDescribingThem() throws Exception {
        List<JobRun> runs = emrWith(10);
        allRunning(runs);
        endedInEmr.add("jr3");
        endedInEmr.add("jr7");

        signalTogether(List.of("jr3", "jr7"));

        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("jr3:COMPLETED") && events.contains("jr7:COMPLETED"));
        assertThat(describes).containsExactlyInAnyOrder("jr3", "jr7");
        assertThat(endLists).isEmpty();
    }

    @Test
    void aRunStillRunningInEmrAfterItsPodEndedStaysWatchedAndIsLookedAtAgain() throws Exception {
        List<JobRun> runs = emrWith(10);
        allRunning(runs);
        List<String> signalled = List.of("jr0", "jr1", "jr2", "jr3", "jr4");
        signalled.stream().filter(id -> !id.equals("jr4")).forEach(endedInEmr::add);

        signalTogether(signalled);

        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().filter(e -> e.endsWith(":COMPLETED")).count() == 4);
        // EMR still says jr4 runs: its pod's end is only a hint, so no end yet, and a few more looks follow
        await().atMost(Duration.ofSeconds(5)).until(() -> endLists.size() + describes.size() >= 2);
        assertThat(events).doesNotContain("jr4:COMPLETED");
        assertThat(events.stream().filter(e -> e.startsWith("jr4:"))).containsExactly("jr4:RUNNING");

        endedInEmr.add("jr4");
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("jr4:COMPLETED"));
    }

    @Test
    void whenListingTheEndedRunsFailsTheRegularPollDescribesThem() throws Exception {
        List<JobRun> runs = emrWith(20);
        allRunning(runs);
        runs.forEach(r -> endedInEmr.add(r.id()));
        endListFails = true;

        signalTogether(runs.stream().map(JobRun::id).toList());

        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter(e -> e.endsWith(":COMPLETED")).count() == 20);
        assertThat(endLists).isNotEmpty();
        assertThat(describes).hasSize(20).doesNotHaveDuplicates();
    }
}
