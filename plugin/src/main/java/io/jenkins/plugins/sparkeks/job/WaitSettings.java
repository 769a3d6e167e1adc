package io.jenkins.plugins.sparkeks.job;

import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
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
 * @param sparkInsight      whether the driver's Spark UI is read for progress lines and Spark's own job results
 * @param failOnSparkJobFailure whether a failed Spark job fails the step although the driver exited 0
 * @param stallGracePeriod  how long a driver pod may show a lost node before the job fails; null =
 *                          {@link WaitOptions#DEFAULT_STALL_GRACE_PERIOD}
 * @param apiUnreachableTimeout how long the API may fail every look before the outcome is UNKNOWN; null = the default
 */
public record WaitSettings(
        boolean waitForCompletion,
        boolean propagate,
        Duration startTimeout,
        Duration timeout,
        Retention retention,
        boolean followLogs,
        boolean sparkInsight,
        boolean failOnSparkJobFailure,
        Duration stallGracePeriod,
        Duration apiUnreachableTimeout)
        implements Serializable {

    /** Spark insight on, failed Spark jobs failing the step, default stall and API timeouts: both steps' defaults. */
    public WaitSettings(
            boolean waitForCompletion,
            boolean propagate,
            Duration startTimeout,
            Duration timeout,
            Retention retention,
            boolean followLogs) {
        this(waitForCompletion, propagate, startTimeout, timeout, retention, followLogs, true, true);
    }

    public WaitSettings(
            boolean waitForCompletion,
            boolean propagate,
            Duration startTimeout,
            Duration timeout,
            Retention retention,
            boolean followLogs,
            boolean sparkInsight,
            boolean failOnSparkJobFailure) {
        this(
                waitForCompletion,
                propagate,
                startTimeout,
                timeout,
                retention,
                followLogs,
                sparkInsight,
                failOnSparkJobFailure,
                null,
                null);
    }

    public WaitSettings withStallGracePeriod(Duration d) {
        return new WaitSettings(
                waitForCompletion,
                propagate,
                startTimeout,
                timeout,
                retention,
                followLogs,
                sparkInsight,
                failOnSparkJobFailure,
                d,
                apiUnreachableTimeout);
    }

    public WaitSettings withApiUnreachableTimeout(Duration d) {
        return new WaitSettings(
                waitForCompletion,
                propagate,
                startTimeout,
                timeout,
                retention,
                followLogs,
                sparkInsight,
                failOnSparkJobFailure,
                stallGracePeriod,
                d);
    }

    /**
     * Whether {@code verdict} fails the step (Pipeline) or the build (freestyle): one rule for both, so a job that
     * did not succeed, an UNKNOWN outcome and a cancel that was not confirmed included, fails wherever it was waited
     * for, and never when the caller asked to get the result instead.
     */
    public boolean fails(JobResult verdict) {
        return !verdict.success() && propagate && waitForCompletion;
    }

    /** What Spark insight does for this step. */
    public InsightOptions insightOptions() {
        return InsightOptions.DEFAULT.withEnabled(sparkInsight).withFailOnSparkJobFailure(failOnSparkJobFailure);
    }

    public WaitOptions toWaitOptions() {
        return WaitOptions.DEFAULT
                .withStartTimeout(startTimeout)
                .withRunTimeout(timeout)
                .withFollowLogs(followLogs)
                .withRetention(retention)
                .withStallGracePeriod(
                        stallGracePeriod == null ? WaitOptions.DEFAULT_STALL_GRACE_PERIOD : stallGracePeriod)
                .withApiUnreachableTimeout(apiUnreachableTimeout);
    }
}
