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
 * @param apiUnreachableTimeout how long the API may fail every look before the outcome is UNKNOWN; null = the default
 */
public record WaitSettings(
        boolean waitForCompletion,
        boolean propagate,
        Duration startTimeout,
        Duration timeout,
        Retention retention,
        boolean followLogs,
        Duration apiUnreachableTimeout)
        implements Serializable {

    public WaitSettings(boolean waitForCompletion, boolean propagate, Duration startTimeout, Duration timeout,
            Retention retention, boolean followLogs) {
        this(waitForCompletion, propagate, startTimeout, timeout, retention, followLogs, null);
    }

    public WaitOptions toWaitOptions() {
        return WaitOptions.DEFAULT
                .withStartTimeout(startTimeout)
                .withRunTimeout(timeout)
                .withFollowLogs(followLogs)
                .withRetention(retention)
                .withApiUnreachableTimeout(apiUnreachableTimeout);
    }
}
