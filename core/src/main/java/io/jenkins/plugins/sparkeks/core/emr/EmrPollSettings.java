package io.jenkins.plugins.sparkeks.core.emr;

import java.time.Duration;

/**
 * How often the shared machinery calls AWS and how long it waits at the end. The defaults suit many concurrent
 * jobs under the EMR and CloudWatch quotas; tests against the emulator use {@link #fast()}.
 *
 * @param startingInterval ListJobRuns interval while some watched run is PENDING/SUBMITTED (or cancelling)
 * @param runningInterval  ListJobRuns interval while every watched run is running
 * @param logInterval      CloudWatch poll interval per log group
 * @param backoff          delays after throttling, 5xx and connection failures; jitter of regular polls
 * @param maxPollFailures  consecutive non-transient failures (e.g. AccessDenied) before the watches fail
 * @param logQuietPeriod   after the end, how long the driver streams must stay unchanged to count as complete
 *                         (shown by a read that long after the last change: time spent throttled does not count)
 * @param logMissingGrace  after the end, how long to wait for a stream that never appeared (shown by a lookup)
 * @param logDrainTimeout  after the end, the longest wait for the log tail before reading S3 instead, or
 *                         reporting the log incomplete
 * @param cancelWait       how long a cancel waits for EMR to confirm CANCELLED
 */
public record EmrPollSettings(
        Duration startingInterval,
        Duration runningInterval,
        Duration logInterval,
        Backoff backoff,
        int maxPollFailures,
        Duration logQuietPeriod,
        Duration logMissingGrace,
        Duration logDrainTimeout,
        Duration cancelWait) {

    public static final EmrPollSettings DEFAULT = new EmrPollSettings(Duration.ofSeconds(5), Duration.ofSeconds(20),
            Duration.ofSeconds(2), new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2), 0.2), 8,
            Duration.ofSeconds(6), Duration.ofSeconds(20), Duration.ofSeconds(90), Duration.ofMinutes(2));

    /** Short intervals for tests against an emulator or mocks. */
    public static EmrPollSettings fast() {
        return new EmrPollSettings(Duration.ofMillis(30), Duration.ofMillis(60), Duration.ofMillis(30),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.2), 4, Duration.ofMillis(150),
                Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofSeconds(5));
    }
}
