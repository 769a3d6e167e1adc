package io.jenkins.plugins.sparkeks.core.insight;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What a user asked of Spark insight for one job.
 *
 * @param enabled             false reads nothing at all: no request reaches the driver, no event log is opened
 * @param failOnSparkJobFailure a driver that exited 0 after a Spark job of its own failed fails the step
 * @param pollInterval        time between two reads of the driver's REST API (also the shortest gap between two
 *                            progress lines)
 */
public record InsightOptions(boolean enabled, boolean failOnSparkJobFailure, Duration pollInterval) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A console line every few seconds at most, and at most four requests per job in that time. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    public static final InsightOptions DEFAULT = new InsightOptions(true, true, DEFAULT_POLL_INTERVAL);
    public static final InsightOptions OFF = new InsightOptions(false, false, DEFAULT_POLL_INTERVAL);

    public InsightOptions {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
    }

    public InsightOptions withEnabled(boolean b) { return new InsightOptions(b, failOnSparkJobFailure, pollInterval); }
    public InsightOptions withFailOnSparkJobFailure(boolean b) { return new InsightOptions(enabled, b, pollInterval); }
    public InsightOptions withPollInterval(Duration d) { return new InsightOptions(enabled, failOnSparkJobFailure, d); }
}
