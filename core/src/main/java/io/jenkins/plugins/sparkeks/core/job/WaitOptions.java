package io.jenkins.plugins.sparkeks.core.job;

import java.time.Duration;

/**
 * How to wait for a job.
 *
 * @param startTimeout      longest time to stay submitted/pending before the driver runs; null = no limit
 * @param runTimeout        longest time from submission to a terminal state; null = no limit
 * @param followLogs        whether to stream the driver log to the observer
 * @param retention         what to do with a finished driver pod (Kubernetes backends)
 * @param cancelGracePeriod grace period for deleting the driver pod on cancel; null = the cluster default
 * @param stallGracePeriod  how long a driver pod may show that its node is lost (phase Unknown, marked not ready by the
 *                          node controller, stuck Terminating) before the job ends as FAILED; null = never
 * @param apiUnreachableTimeout how long the Kubernetes or EMR API may keep failing every look at the job before the
 *                          wait ends with outcome UNKNOWN; null = {@link #DEFAULT_API_UNREACHABLE_TIMEOUT}
 */
public record WaitOptions(
        Duration startTimeout,
        Duration runTimeout,
        boolean followLogs,
        Retention retention,
        Duration cancelGracePeriod,
        Duration stallGracePeriod,
        Duration apiUnreachableTimeout) {

    /** Long enough for an API server restart or a regional blip; short enough that nobody waits in silence. */
    public static final Duration DEFAULT_API_UNREACHABLE_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Kubernetes itself evicts pods from an unreachable node after 5 minutes (the default toleration of the
     * not-ready and unreachable taints); waiting as long gives a node that comes back the same chance.
     */
    public static final Duration DEFAULT_STALL_GRACE_PERIOD = Duration.ofMinutes(5);

    public static final WaitOptions DEFAULT =
            new WaitOptions(null, null, true, Retention.KEEP_ON_FAILURE, null, DEFAULT_STALL_GRACE_PERIOD, null);

    public WaitOptions {
        requirePositive(startTimeout, "startTimeout");
        requirePositive(runTimeout, "runTimeout");
        requirePositive(stallGracePeriod, "stallGracePeriod");
        requirePositive(apiUnreachableTimeout, "apiUnreachableTimeout");
        if (cancelGracePeriod != null && cancelGracePeriod.isNegative()) {
            throw new IllegalArgumentException("cancelGracePeriod must not be negative");
        }
        if (retention == null) {
            retention = Retention.KEEP_ON_FAILURE;
        }
    }

    /** Without a stall grace period of its own: the default one. */
    public WaitOptions(Duration startTimeout, Duration runTimeout, boolean followLogs, Retention retention, Duration cancelGracePeriod) {
        this(startTimeout, runTimeout, followLogs, retention, cancelGracePeriod, DEFAULT_STALL_GRACE_PERIOD, null);
    }

    private static void requirePositive(Duration d, String name) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** The API outage after which the wait ends UNKNOWN: the configured one or the default. */
    public Duration effectiveApiUnreachableTimeout() {
        return apiUnreachableTimeout != null ? apiUnreachableTimeout : DEFAULT_API_UNREACHABLE_TIMEOUT;
    }

    public WaitOptions withStartTimeout(Duration d) { return new WaitOptions(d, runTimeout, followLogs, retention, cancelGracePeriod, stallGracePeriod, apiUnreachableTimeout); }
    public WaitOptions withRunTimeout(Duration d) { return new WaitOptions(startTimeout, d, followLogs, retention, cancelGracePeriod, stallGracePeriod, apiUnreachableTimeout); }
    public WaitOptions withFollowLogs(boolean b) { return new WaitOptions(startTimeout, runTimeout, b, retention, cancelGracePeriod, stallGracePeriod, apiUnreachableTimeout); }
    public WaitOptions withRetention(Retention r) { return new WaitOptions(startTimeout, runTimeout, followLogs, r, cancelGracePeriod, stallGracePeriod, apiUnreachableTimeout); }
    public WaitOptions withCancelGracePeriod(Duration d) { return new WaitOptions(startTimeout, runTimeout, followLogs, retention, d, stallGracePeriod, apiUnreachableTimeout); }
    public WaitOptions withStallGracePeriod(Duration d) { return new WaitOptions(startTimeout, runTimeout, followLogs, retention, cancelGracePeriod, d, apiUnreachableTimeout); }
    public WaitOptions withApiUnreachableTimeout(Duration d) { return new WaitOptions(startTimeout, runTimeout, followLogs, retention, cancelGracePeriod, stallGracePeriod, d); }
}
