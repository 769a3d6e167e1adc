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
 */
public record WaitOptions(
        Duration startTimeout, Duration runTimeout, boolean followLogs, Retention retention, Duration cancelGracePeriod) {

    public static final WaitOptions DEFAULT = new WaitOptions(null, null, true, Retention.KEEP_ON_FAILURE, null);

    public WaitOptions {
        requirePositive(startTimeout, "startTimeout");
        requirePositive(runTimeout, "runTimeout");
        if (cancelGracePeriod != null && cancelGracePeriod.isNegative()) {
            throw new IllegalArgumentException("cancelGracePeriod must not be negative");
        }
        if (retention == null) {
            retention = Retention.KEEP_ON_FAILURE;
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    public WaitOptions withStartTimeout(Duration d) { return new WaitOptions(d, runTimeout, followLogs, retention, cancelGracePeriod); }
    public WaitOptions withRunTimeout(Duration d) { return new WaitOptions(startTimeout, d, followLogs, retention, cancelGracePeriod); }
    public WaitOptions withFollowLogs(boolean b) { return new WaitOptions(startTimeout, runTimeout, b, retention, cancelGracePeriod); }
    public WaitOptions withRetention(Retention r) { return new WaitOptions(startTimeout, runTimeout, followLogs, r, cancelGracePeriod); }
    public WaitOptions withCancelGracePeriod(Duration d) { return new WaitOptions(startTimeout, runTimeout, followLogs, retention, d); }
}
