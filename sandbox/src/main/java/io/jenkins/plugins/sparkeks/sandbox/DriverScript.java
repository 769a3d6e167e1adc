package io.jenkins.plugins.sparkeks.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a simulated driver does: how long its pod stays Pending, which lines it writes (one every
 * {@code lineInterval}) and how its container ends. A script whose {@code imagePullFails} never starts:
 * the pod stays Pending with the container waiting on {@code ImagePullBackOff}, as a wrong image does.
 *
 * @param pending           time from pod creation to Running
 * @param lines             driver log lines, written while Running
 * @param lineInterval      pause between two lines (and before the container ends)
 * @param exitCode          the driver container's exit code
 * @param terminationReason the container's terminated reason ({@code Completed}, {@code Error}, {@code OOMKilled})
 * @param imagePullFails    stay Pending forever with ErrImagePull / ImagePullBackOff
 */
public record DriverScript(
        Duration pending,
        List<String> lines,
        Duration lineInterval,
        int exitCode,
        String terminationReason,
        boolean imagePullFails) {

    private static final Duration DEFAULT_PENDING = Duration.ofMillis(300);
    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(150);

    public DriverScript {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(lineInterval, "lineInterval");
        Objects.requireNonNull(terminationReason, "terminationReason");
        lines = List.copyOf(lines);
        if (pending.isNegative() || lineInterval.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** A driver that prints {@code lines} and exits 0. */
    public static DriverScript succeeding(List<String> lines) {
        return new DriverScript(DEFAULT_PENDING, lines, DEFAULT_INTERVAL, 0, "Completed", false);
    }

    /** A driver that prints {@code lines} and exits with {@code exitCode} (reason {@code Error}). */
    public static DriverScript failing(int exitCode, List<String> lines) {
        if (exitCode == 0) {
            throw new IllegalArgumentException("a failing driver needs a non-zero exit code");
        }
        return new DriverScript(DEFAULT_PENDING, lines, DEFAULT_INTERVAL, exitCode, "Error", false);
    }

    /** A driver whose image cannot be pulled: the pod never leaves Pending. */
    public static DriverScript imagePullFailure() {
        return new DriverScript(Duration.ZERO, List.of(), DEFAULT_INTERVAL, 0, "Completed", true);
    }

    /** The Spark example everyone knows, as a succeeding script. */
    public static DriverScript sparkPi() {
        return succeeding(List.of(
                "INFO SparkContext: Running Spark version 3.5.6",
                "INFO SparkContext: Submitted application: spark-pi",
                "INFO DAGScheduler: Job 0 started: reduce at SparkPi.scala:38",
                "INFO DAGScheduler: Job 0 finished: reduce at SparkPi.scala:38, took 0.412 s",
                "Pi is roughly 3.1418957094785474",
                "INFO SparkContext: Successfully stopped SparkContext"));
    }

    public DriverScript withPending(Duration d) {
        return new DriverScript(d, lines, lineInterval, exitCode, terminationReason, imagePullFails);
    }

    public DriverScript withLineInterval(Duration d) {
        return new DriverScript(pending, lines, d, exitCode, terminationReason, imagePullFails);
    }

    public DriverScript withTerminationReason(String reason) {
        return new DriverScript(pending, lines, lineInterval, exitCode, reason, imagePullFails);
    }

    public boolean succeeds() {
        return exitCode == 0 && !imagePullFails;
    }
}
