package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchDriverLog;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchLogPoller;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiters;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;

/**
 * What every EMR watch in the process shares: one scheduler, one job run poller per (client, virtual cluster),
 * one CloudWatch poller per (client, log group), one CloudWatch rate limiter per account and region, and, for runs
 * followed with cluster access, one driver pod informer per (cluster, namespace). Create one
 * per process (Jenkins controller, CLI run) and hand it to every {@link EmrBackend}.
 */
public final class EmrWatchMachinery implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final EmrPollSettings settings;
    private final CloudWatchRateLimiters limiters;
    private final Clock clock;
    private final Map<Key, JobRunPoller> jobRunPollers = new ConcurrentHashMap<>();
    private final Map<Key, CloudWatchLogPoller> logPollers = new ConcurrentHashMap<>();
    private EmrDriverPods driverPods; // made by the first run followed with cluster access

    /** Client identity plus a name: clients are cached per settings by the factory, so identity is the right key. */
    private record Key(Object client, String name) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.client == client && k.name.equals(name);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(client) * 31 + name.hashCode();
        }
    }

    /**
     * @param clock AWS's time as seen here: job run creation times and timeouts are compared on it (tests pass the
     *              emulator's clock)
     */
    public EmrWatchMachinery(ScheduledExecutorService scheduler, EmrPollSettings settings, CloudWatchRateLimiters limiters,
            Clock clock) {
        this(scheduler, false, settings, limiters, clock);
    }

    private EmrWatchMachinery(ScheduledExecutorService scheduler, boolean owns, EmrPollSettings settings,
            CloudWatchRateLimiters limiters, Clock clock) {
        this.scheduler = scheduler;
        this.ownsScheduler = owns;
        this.settings = settings;
        this.limiters = limiters;
        this.clock = clock;
    }

    /** Machinery with its own small daemon scheduler, closed by {@link #close()}. */
    public static EmrWatchMachinery create(EmrPollSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /** As {@link #create(EmrPollSettings)}, on the given clock. */
    public static EmrWatchMachinery create(EmrPollSettings settings, Clock clock) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("emr-watch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        return new EmrWatchMachinery(s, true, settings, new CloudWatchRateLimiters(), clock);
    }

    public EmrPollSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public CloudWatchRateLimiter rateLimiter(String account, String region) {
        return limiters.forAccount(account, region);
    }

    /** Follows a run on its virtual cluster's shared poller; returns that poller for poke/unwatch. */
    JobRunPoller watch(EmrContainersClient emr, String virtualClusterId, String jobRunId, Instant createdAt,
            JobRunPoller.Listener listener) {
        Key key = new Key(emr, virtualClusterId);
        while (true) {
            JobRunPoller p = jobRunPollers.computeIfAbsent(key, k -> {
                JobRunPoller[] self = new JobRunPoller[1];
                self[0] = new JobRunPoller(emr, virtualClusterId, scheduler, settings, () -> jobRunPollers.remove(k, self[0]));
                return self[0];
            });
            if (p.watch(jobRunId, createdAt, listener)) {
                return p;
            }
            jobRunPollers.remove(key, p);
        }
    }

    /** Adds a driver log to its log group's poller; one client belongs to one account, hence one limiter. */
    void follow(CloudWatchLogsClient logs, String logGroup, CloudWatchRateLimiter limiter, CloudWatchDriverLog follower) {
        Key key = new Key(logs, logGroup);
        while (true) {
            CloudWatchLogPoller p = logPollers.computeIfAbsent(key, k -> {
                CloudWatchLogPoller[] self = new CloudWatchLogPoller[1];
                self[0] = new CloudWatchLogPoller(logGroup, limiter, scheduler, settings.logInterval(),
                        () -> logPollers.remove(k, self[0]));
                return self[0];
            });
            if (p.add(follower)) {
                return;
            }
            logPollers.remove(key, p);
        }
    }

    /** The driver pod informers shared by every run followed with cluster access. */
    synchronized EmrDriverPods driverPods() {
        if (driverPods == null) {
            driverPods = new EmrDriverPods(scheduler);
        }
        return driverPods;
    }

    /** How many driver pod informers run now (one per cluster and namespace with runs followed through them). */
    public synchronized int activeDriverPodInformers() {
        return driverPods == null ? 0 : driverPods.activeInformers();
    }

    /** How many virtual cluster pollers are active (one per virtual cluster with watched runs). */
    public int activeJobRunPollers() {
        return jobRunPollers.size();
    }

    /** How many log group pollers are active. */
    public int activeLogPollers() {
        return logPollers.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (driverPods != null) {
                driverPods.close();
            }
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }
}
