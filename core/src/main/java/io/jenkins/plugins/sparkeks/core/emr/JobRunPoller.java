package io.jenkins.plugins.sparkeks.core.emr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.JobRun;
import software.amazon.awssdk.services.emrcontainers.model.JobRunState;
import software.amazon.awssdk.services.emrcontainers.model.ListJobRunsRequest;
import software.amazon.awssdk.services.emrcontainers.model.ListJobRunsResponse;
import software.amazon.awssdk.services.emrcontainers.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrcontainers.model.ValidationException;

/**
 * Follows every watched job run of ONE virtual cluster with one ListJobRuns round per tick (active states,
 * created after the oldest watched run) plus one DescribeJobRun per run whose state changed; runs that left the
 * active list are described when one or two left, and found by one ListJobRuns over the end states (per page) when
 * more left together. The cost per tick is therefore one list call (per page) however many jobs wait, plus calls
 * for the few that changed. Ticks run on the shared scheduler; the interval is short while some run is starting,
 * longer while all run, and backs off exponentially on throttling or server errors.
 *
 * <p>DescribeJobRun calls are spread: at most {@link #DESCRIBES_PER_TICK} per tick, the runs waiting longest first;
 * while some wait, the next tick comes after at most {@link #DRAIN_INTERVAL}, so a burst of N endings costs about
 * N / DESCRIBES_PER_TICK seconds instead of N calls at once.
 *
 * <p>A sign from outside that one run may have ended (its driver pod finished or vanished) asks for
 * {@link #confirm(String)}: an extra tick that looks at just the runs signalled since the last one, using what the
 * regular drain left of {@link #DESCRIBES_PER_TICK} calls per {@link #DRAIN_INTERVAL}. Up to
 * {@link #DESCRIBE_AT_MOST} signalled runs are described one by one; more are confirmed together by ListJobRuns over
 * the end states, created within the signalled runs' creation times, one call per page however many ended, so a
 * burst of endings costs a few calls instead of one each. The API decides: a run EMR does not show ended is looked at
 * again after each of {@link #CONFIRM_BACKOFF}, then left to the regular poll.
 */
final class JobRunPoller {

    /** Hears about one job run; called on the scheduler thread, must not block. */
    interface Listener {
        /** The run's state is known for the first time or changed; {@code run} comes from DescribeJobRun. */
        void update(JobRun run);

        /** The poller gave up (repeated non-transient failures such as missing permissions). */
        void failed(String problem);

        /** A transient problem (throttling, 5xx) delayed the next look. */
        default void delayed(String problem) {}

        /** Every look at this virtual cluster has failed for {@code since}; the poller keeps trying. */
        default void unreachable(String problem, java.time.Duration since) {}

        /** A look succeeded again after failures that lasted {@code lasted}. */
        default void reachable(java.time.Duration lasted) {}
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobRunPoller.class);
    // ListJobRuns compares createdAt on the service's side; a second of slack covers clock rounding
    private static final long CREATED_AFTER_SLACK_SECONDS = 1;
    static final int RECHECK_AFTER_ROUNDS = 30;
    static final int RECHECKS_PER_ROUND = 5;
    /*
     * ListJobRuns documents no maximum for maxResults (neither the API reference nor the SDK model give a range;
     * the service's default page is 50), so a large page is asked for and, should the service reject it, the
     * poller falls back to the default page for good.
     */
    static final int LIST_PAGE_SIZE = 1000;
    // DescribeJobRun shares the account's EMR on EKS API rate with every other caller; a burst must not use it up
    static final int DESCRIBES_PER_TICK = 20;
    static final java.time.Duration DRAIN_INTERVAL = java.time.Duration.ofSeconds(1);
    // EMR may report the end a moment after the driver pod shows it; a few quick looks, then the poll as before
    // one or two endings are confirmed by DescribeJobRun (exact, small answer); more by listing the ended runs
    static final int DESCRIBE_AT_MOST = 2;
    // single describes leave this many of the window's calls for a list, so a burst that follows is not kept waiting
    static final int LIST_RESERVE = 5;
    // confirmation lists come at most this often, so endings arriving one by one are gathered into few calls
    static final java.time.Duration LIST_PACE = java.time.Duration.ofMillis(100);
    static final List<java.time.Duration> CONFIRM_BACKOFF = List.of(java.time.Duration.ofMillis(300),
            java.time.Duration.ofMillis(700), java.time.Duration.ofMillis(1500));

    private final EmrContainersClient emr;
    private final String virtualClusterId;
    private final ScheduledExecutorService scheduler;
    private final EmrPollSettings settings;
    private final Runnable onIdle;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private ScheduledFuture<?> next;
    private boolean running;
    private boolean rerun;
    private boolean closed;
    private long regularDueNanos = System.nanoTime(); // when the next list round is due; under lock
    private long confirmDueNanos = System.nanoTime(); // when signalled runs may next be looked at; under lock
    private boolean listedToConfirm; // this tick confirmed by a list; tick only
    private final Set<String> urgent = new LinkedHashSet<>(); // runs to confirm at once; under lock
    private final DescribeBudget budget = new DescribeBudget(DESCRIBES_PER_TICK, DRAIN_INTERVAL, System::nanoTime);
    private int failures; // touched by the single running tick only
    private long failingSince; // System.nanoTime() of the first failure of the current run of failures; tick only
    private final Map<String, Boolean> toDescribe = new LinkedHashMap<>(); // oldest need first; tick only
    private Integer pageSize = LIST_PAGE_SIZE; // null: the service's default page; tick only

    private static final class Watched {
        final Listener listener;
        volatile Instant createdAt;
        volatile JobRunState last;
        volatile int unchecked; // rounds since the last direct DescribeJobRun; tick only
        volatile int confirmations; // confirmations of the current sign made so far

        Watched(Listener listener, Instant createdAt) {
            this.listener = listener;
            this.createdAt = createdAt;
        }
    }

    JobRunPoller(EmrContainersClient emr, String virtualClusterId, ScheduledExecutorService scheduler,
            EmrPollSettings settings, Runnable onIdle) {
        this.emr = emr;
        this.virtualClusterId = virtualClusterId;
        this.scheduler = scheduler;
        this.settings = settings;
        this.onIdle = onIdle;
    }

    /**
     * Starts following a run. {@code createdAt} may be null (an old reference); it is learned on the first look.
     * Returns false when this poller has just gone idle and closed; the caller then makes a new one.
     */
    boolean watch(String jobRunId, Instant createdAt, Listener listener) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            watched.put(jobRunId, new Watched(listener, createdAt));
            regularDueNanos = System.nanoTime();
        }
        schedule(0);
        return true;
    }

    void unwatch(String jobRunId) {
        watched.remove(jobRunId);
    }

    /** Looks again soon, e.g. right after a cancel request. */
    void poke() {
        synchronized (lock) {
            regularDueNanos = System.nanoTime();
        }
        schedule(0);
    }

    /**
     * Something outside EMR says the run may have ended: one DescribeJobRun for it alone, as soon as the budget
     * allows, and a few more with backoff while EMR still shows it active. Never blocks.
     */
    void confirm(String jobRunId) {
        Watched w = watched.get(jobRunId);
        if (w == null) {
            return;
        }
        w.confirmations = 0;
        confirmSoon(jobRunId);
    }

    private void confirmSoon(String jobRunId) {
        long delay;
        synchronized (lock) {
            if (closed || !watched.containsKey(jobRunId)) {
                return;
            }
            urgent.add(jobRunId);
            delay = Math.max(0, (confirmDueNanos - System.nanoTime()) / 1_000_000L);
        }
        schedule(delay);
    }

    private void schedule(long delayMillis) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (running) {
                rerun |= delayMillis == 0;
                return;
            }
            if (next != null && !next.isDone()) {
                if (next.getDelay(TimeUnit.MILLISECONDS) <= delayMillis) {
                    return;
                }
                next.cancel(false);
            }
            next = scheduler.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        boolean regular;
        List<String> confirming;
        synchronized (lock) {
            if (running || closed) {
                return;
            }
            running = true;
            rerun = false;
            next = null; // this run's own future; not yet "done" while it runs
            regular = System.nanoTime() - regularDueNanos >= 0;
            if (System.nanoTime() - confirmDueNanos >= 0) {
                confirming = new ArrayList<>(urgent);
                urgent.clear();
            } else {
                confirming = List.of();
            }
        }
        long delay;
        listedToConfirm = false;
        try {
            confirmSome(confirming);
            if (regular) {
                delay = pollAndPlan();
                synchronized (lock) {
                    regularDueNanos = System.nanoTime() + Math.max(0, delay) * 1_000_000L;
                }
            } else {
                synchronized (lock) {
                    delay = Math.max(0, (regularDueNanos - System.nanoTime()) / 1_000_000L);
                }
            }
        } finally {
            synchronized (lock) {
                running = false;
            }
        }
        if (watched.isEmpty()) {
            idle();
            return;
        }
        synchronized (lock) {
            long wait = Math.max(budget.millisUntilNext(), listedToConfirm ? LIST_PACE.toMillis() : 0);
            confirmDueNanos = System.nanoTime() + wait * 1_000_000L;
            if (rerun) {
                delay = 0;
            } else if (!urgent.isEmpty()) {
                delay = Math.min(delay, wait);
            }
        }
        schedule(delay);
    }

    /**
     * Looks at the runs a sign pointed at, within what the budget has left; the rest wait for the next tick. A failed
     * call hands its runs to the regular drain, which owns backoff and giving up.
     */
    private void confirmSome(List<String> confirming) {
        List<String> live = confirming.stream().filter(watched::containsKey).toList();
        boolean few = live.size() <= DESCRIBE_AT_MOST && budget.remaining() > LIST_RESERVE;
        List<String> listed = few ? List.of()
                : live.stream().filter(id -> watched.get(id).createdAt != null).toList();
        if (!listed.isEmpty()) {
            listedToConfirm = true;
            confirmByList(listed);
        }
        for (String id : live) {
            Watched w = watched.get(id);
            if (w == null || listed.contains(id)) {
                continue;
            }
            if (!budget.tryTake()) {
                synchronized (lock) {
                    urgent.add(id);
                }
                continue;
            }
            toDescribe.remove(id);
            try {
                describeAndNotify(id, w);
            } catch (RuntimeException e) {
                LOG.debug("confirming job run {} failed; the regular poll describes it: {}", id, AwsErrors.describe(e));
                toDescribe.put(id, Boolean.TRUE);
                continue;
            }
            confirmAgainLater(id, w);
        }
    }

    /**
     * Confirms many signalled runs at once: ListJobRuns over the end states, created between the oldest and the newest
     * of them, page after page (one budget call each) until every one is found or the list ends. A run found is told
     * from its list entry, the same JobRun DescribeJobRun returns; a run not found has not ended in EMR's eyes and is
     * looked at again later. When the budget runs out mid-list, the runs not yet found wait for the next tick.
     */
    private void confirmByList(List<String> ids) {
        EndedList found = listEnded(ids);
        if (found.failed()) {
            found.notFound().forEach(id -> toDescribe.put(id, Boolean.TRUE));
        } else if (!found.complete() && !found.notFound().isEmpty()) {
            synchronized (lock) {
                urgent.addAll(found.notFound()); // the budget ran out: the next tick lists for them again
            }
        } else {
            found.notFound().forEach(id -> {
                Watched w = watched.get(id);
                if (w != null) {
                    confirmAgainLater(id, w);
                }
            });
        }
    }

    /**
     * What one listing of the ended runs among {@code ids} left: the runs it did not find, whether the list went to its
     * end (else the budget ran out), and whether a call failed.
     */
    private record EndedList(List<String> notFound, boolean complete, boolean failed) {}

    /**
     * ListJobRuns over the end states, created between the oldest and the newest of {@code ids}, page after page (one
     * budget call each) until every one is found or the list ends. A run found is told from its list entry, the same
     * JobRun DescribeJobRun returns.
     */
    private EndedList listEnded(List<String> ids) {
        Map<String, Watched> pending = new LinkedHashMap<>();
        Instant oldest = null;
        Instant newest = null;
        for (String id : ids) {
            Watched w = watched.get(id);
            if (w != null && w.createdAt != null) {
                pending.put(id, w);
                oldest = oldest == null || w.createdAt.isBefore(oldest) ? w.createdAt : oldest;
                newest = newest == null || w.createdAt.isAfter(newest) ? w.createdAt : newest;
            }
        }
        String token = null;
        try {
            while (!pending.isEmpty()) {
                if (!budget.tryTake()) {
                    return new EndedList(List.copyOf(pending.keySet()), false, false);
                }
                ListJobRunsResponse page = listPage(EmrStates.TERMINAL, oldest.minusSeconds(CREATED_AFTER_SLACK_SECONDS),
                        newest.plusSeconds(CREATED_AFTER_SLACK_SECONDS), token);
                for (JobRun run : page.jobRuns()) {
                    Watched w = pending.remove(run.id());
                    if (w != null && watched.get(run.id()) == w && EmrStates.isTerminal(run.state())) {
                        toDescribe.remove(run.id());
                        notify(run.id(), w, run);
                    }
                }
                token = page.nextToken();
                if (token == null) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("listing {} ended job runs failed; they are described instead: {}", pending.size(),
                    AwsErrors.describe(e));
            return new EndedList(List.copyOf(pending.keySet()), false, true);
        }
        return new EndedList(List.copyOf(pending.keySet()), true, false);
    }

    /** EMR may show the end a moment after the pod: a few more looks, then the regular poll alone. */
    private void confirmAgainLater(String id, Watched w) {
        if (watched.get(id) == w && w.confirmations < CONFIRM_BACKOFF.size()) {
            java.time.Duration pause = CONFIRM_BACKOFF.get(w.confirmations++);
            scheduler.schedule(() -> confirmSoon(id), pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One round; returns the delay before the next one, or -1 after giving up. */
    private long pollAndPlan() {
        if (watched.isEmpty()) {
            return 0;
        }
        try {
            pollOnce();
            recovered(); // when no run changed; otherwise done before the first change was told
            failures = 0;
            failingSince = 0;
            java.time.Duration interval = anyStarting() ? settings.startingInterval() : settings.runningInterval();
            if (!toDescribe.isEmpty() && interval.compareTo(DRAIN_INTERVAL) > 0) {
                interval = DRAIN_INTERVAL;
            }
            return settings.backoff().jittered(interval);
        } catch (RuntimeException e) {
            if (failures++ == 0) {
                failingSince = System.nanoTime();
            }
            String problem = "EMR job run polling for virtual cluster " + virtualClusterId + " failed: " + AwsErrors.describe(e);
            if (AwsErrors.isTransient(e)) {
                LOG.debug("{} (attempt {})", problem, failures);
                java.time.Duration since = java.time.Duration.ofNanos(System.nanoTime() - failingSince);
                watched.values().forEach(w -> {
                    w.listener.delayed(problem + "; retrying");
                    w.listener.unreachable(problem, since);
                });
            } else if (failures >= settings.maxPollFailures()) {
                LOG.warn(problem);
                List<Watched> all = new ArrayList<>(watched.values());
                watched.clear();
                String gaveUp = problem + ". The job runs were left as they are; resume to look again.";
                all.forEach(w -> w.listener.failed(gaveUp));
                return 0;
            }
            return settings.backoff().failureDelayMillis(failures);
        }
    }

    /** After failures, tells every watch that looks work again, once, before anything else it hears. */
    private void recovered() {
        if (failures > 0 && failingSince != 0) {
            java.time.Duration lasted = java.time.Duration.ofNanos(System.nanoTime() - failingSince);
            failingSince = 0;
            watched.values().forEach(w -> w.listener.reachable(lasted));
        }
    }

    private void idle() {
        synchronized (lock) {
            if (!watched.isEmpty() || closed) {
                return;
            }
            closed = true;
        }
        onIdle.run();
    }

    private void pollOnce() {
        Map<String, Watched> snapshot = new HashMap<>(watched);
        // runs without a known creation time are described directly; that also teaches us their createdAt
        Instant oldest = null;
        for (Map.Entry<String, Watched> e : snapshot.entrySet()) {
            Instant c = e.getValue().createdAt;
            if (c == null) {
                toDescribe.putIfAbsent(e.getKey(), Boolean.TRUE);
            } else if (oldest == null || c.isBefore(oldest)) {
                oldest = c;
            }
        }
        if (oldest != null) {
            Map<String, JobRun> active = listActive(oldest.minusSeconds(CREATED_AFTER_SLACK_SECONDS));
            List<String> left = new ArrayList<>();
            for (Map.Entry<String, Watched> e : snapshot.entrySet()) {
                Watched w = e.getValue();
                if (w.createdAt == null || toDescribe.containsKey(e.getKey())) {
                    continue;
                }
                JobRun listed = active.get(e.getKey());
                if (listed != null && w.last == null) {
                    notify(e.getKey(), w, listed); // first sight: the list entry is the whole JobRun already
                } else if (listed == null) {
                    left.add(e.getKey());
                } else if (listed.state() != w.last) {
                    toDescribe.put(e.getKey(), Boolean.TRUE);
                }
            }
            confirmLeft(left);
        }
        recheck(snapshot, describeSome());
    }

    /**
     * Runs gone from the active list have most likely ended. A few are described; more are found together by listing
     * the ended runs (one call per page, as signalled endings are), so N runs ending at once cost a few calls instead
     * of N describes spread over N / {@value #DESCRIBES_PER_TICK} seconds. A run the ended list does not show either
     * (a list that lags) is described as before.
     */
    private void confirmLeft(List<String> left) {
        if (left.size() <= DESCRIBE_AT_MOST) {
            left.forEach(id -> toDescribe.put(id, Boolean.TRUE));
            return;
        }
        listEnded(left).notFound().forEach(id -> toDescribe.put(id, Boolean.TRUE));
    }

    /** Describes the runs that have waited longest for it, within this tick's budget; the rest wait for the next. */
    private List<String> describeSome() {
        List<String> described = new ArrayList<>();
        Iterator<String> queue = toDescribe.keySet().iterator();
        while (queue.hasNext() && described.size() < DESCRIBES_PER_TICK) {
            String id = queue.next();
            Watched w = watched.get(id);
            if (w != null) {
                describeAndNotify(id, w); // a throttle leaves the run at the head of the queue for after the backoff
                described.add(id);
            }
            queue.remove();
        }
        budget.spent(described.size());
        return described;
    }

    /**
     * The safety net: a run the list has shown unchanged for {@link #RECHECK_AFTER_ROUNDS} rounds is described
     * directly, at most {@link #RECHECKS_PER_ROUND} per round (longest unchecked first), so a list that lags or misses
     * a run cannot hold a wait for ever, at a cost bounded per virtual cluster.
     */
    private void recheck(Map<String, Watched> snapshot, List<String> described) {
        snapshot.entrySet().stream()
                .filter(e -> !described.contains(e.getKey()) && !toDescribe.containsKey(e.getKey())
                        && watched.get(e.getKey()) == e.getValue())
                .filter(e -> ++e.getValue().unchecked >= RECHECK_AFTER_ROUNDS)
                .sorted(java.util.Comparator.comparingInt((Map.Entry<String, Watched> e) -> e.getValue().unchecked).reversed())
                .limit(RECHECKS_PER_ROUND)
                .toList()
                .forEach(e -> describeAndNotify(e.getKey(), e.getValue()));
    }

    private Map<String, JobRun> listActive(Instant createdAfter) {
        Map<String, JobRun> active = new HashMap<>();
        String token = null;
        do {
            ListJobRunsResponse page = listPage(createdAfter, token);
            for (JobRun run : page.jobRuns()) {
                active.put(run.id(), run);
            }
            token = page.nextToken();
        } while (token != null);
        return active;
    }

    private ListJobRunsResponse listPage(Instant createdAfter, String token) {
        return listPage(EmrStates.ACTIVE, createdAfter, null, token);
    }

    private ListJobRunsResponse listPage(List<JobRunState> states, Instant createdAfter, Instant createdBefore,
            String token) {
        ListJobRunsRequest.Builder request = ListJobRunsRequest.builder().virtualClusterId(virtualClusterId)
                .states(states).createdAfter(createdAfter).createdBefore(createdBefore).nextToken(token);
        if (pageSize == null) {
            return emr.listJobRuns(request.build());
        }
        try {
            return emr.listJobRuns(request.maxResults(pageSize).build());
        } catch (ValidationException e) {
            if (e.getMessage() == null || !e.getMessage().contains("maxResults")) {
                throw e;
            }
            LOG.debug("ListJobRuns refused a page of {}; using the service's default page: {}", pageSize, e.getMessage());
            pageSize = null;
            return emr.listJobRuns(request.maxResults(null).build());
        }
    }

    private void describeAndNotify(String jobRunId, Watched w) {
        w.unchecked = 0;
        JobRun run;
        try {
            run = emr.describeJobRun(b -> b.virtualClusterId(virtualClusterId).id(jobRunId)).jobRun();
        } catch (ResourceNotFoundException e) {
            // one unknown run (a stale reference, another region) must not stop the others on this cluster
            watched.remove(jobRunId, w);
            w.listener.failed("EMR job run " + virtualClusterId + "/" + jobRunId + " does not exist.");
            return;
        }
        notify(jobRunId, w, run);
    }

    private void notify(String jobRunId, Watched w, JobRun run) {
        if (w.createdAt == null) {
            w.createdAt = run.createdAt();
        }
        if (run.state() == w.last) {
            return; // raced with the list (e.g. still being created); nothing new
        }
        recovered();
        w.last = run.state();
        if (EmrStates.isTerminal(run.state())) {
            watched.remove(jobRunId, w);
        }
        try {
            w.listener.update(run);
        } catch (RuntimeException e) {
            LOG.warn("listener for job run {} failed", jobRunId, e);
        }
    }

    private boolean anyStarting() {
        return watched.values().stream().anyMatch(w -> EmrStates.isStarting(w.last) || w.last == JobRunState.CANCEL_PENDING);
    }
}
