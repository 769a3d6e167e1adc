package io.jenkins.plugins.sparkeks.job;

import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a step waits for its job and how it reports the outcome.
 *
 * @param waitForCompletion false returns as soon as the job is submitted
 * @param propagate         true fails the build when the job fails; false only returns the result
 * @param startTimeout      longest time before the driver runs; null = no limit
 * @param timeout           longest time from submission to a terminal state; null = no limit
 * @param retention         what happens to a finished driver pod
 * @param followLogs        whether driver log lines are copied to the console
 * @param stallGracePeriod  how long a driver pod may show a lost node before the job fails (driver pod mode); null =
 *                          {@link WaitOptions#DEFAULT_STALL_GRACE_PERIOD}
 */
public record WaitSettings(
        boolean waitForCompletion,
        boolean propagate,
        Duration startTimeout,
        Duration timeout,
        Retention retention,
        boolean followLogs,
        Duration stallGracePeriod)
        implements Serializable {

    /** Without a stall grace period of its own (the EMR step, which has no driver pod to judge). */
    public WaitSettings(
            boolean waitForCompletion, boolean propagate, Duration startTimeout, Duration timeout, Retention retention, boolean followLogs) {
        this(waitForCompletion, propagate, startTimeout, timeout, retention, followLogs, null);
    }

    public WaitSettings withStallGracePeriod(Duration d) {
        return new WaitSettings(waitForCompletion, propagate, startTimeout, timeout, retention, followLogs, d);
    }

    public WaitOptions toWaitOptions() {
        return WaitOptions.DEFAULT
                .withStartTimeout(startTimeout)
                .withRunTimeout(timeout)
                .withFollowLogs(followLogs)
                .withRetention(retention)
                .withStallGracePeriod(stallGracePeriod == null ? WaitOptions.DEFAULT_STALL_GRACE_PERIOD : stallGracePeriod);
    }
}
