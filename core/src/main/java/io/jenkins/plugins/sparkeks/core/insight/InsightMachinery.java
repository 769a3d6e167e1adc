package io.jenkins.plugins.sparkeks.core.insight;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every job's insight shares in one process: the scheduler its reads run on (no thread of its own per job)
 * and one request budget per cluster.
 */
public final class InsightMachinery {

    /** Four requests per job every five seconds: 25 jobs per cluster at full speed, more jobs slow down evenly. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 20;

    private final ScheduledExecutorService scheduler;
    private final double requestsPerSecond;
    private final Map<Object, RequestBudget> budgets = new ConcurrentHashMap<>();

    public InsightMachinery(ScheduledExecutorService scheduler, double requestsPerSecond) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive");
        }
        this.requestsPerSecond = requestsPerSecond;
    }

    public InsightMachinery(ScheduledExecutorService scheduler) {
        this(scheduler, DEFAULT_REQUESTS_PER_SECOND);
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The budget of one cluster, keyed by anything naming it without a credential (its coordinates, its URL). */
    public RequestBudget budget(Object cluster) {
        return budgets.computeIfAbsent(cluster, c -> new RequestBudget(requestsPerSecond));
    }
}
