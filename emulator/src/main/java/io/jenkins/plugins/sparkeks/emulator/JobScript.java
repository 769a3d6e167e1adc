package io.jenkins.plugins.sparkeks.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The life of one job run, told in durations from the moment StartJobRun is accepted: PENDING for {@code pending},
 * SUBMITTED for {@code submitted}, RUNNING for {@code running}, then {@code outcome}. The driver's stdout and stderr
 * lines are spread evenly across the RUNNING phase. A cancel spends {@code cancelPending} in CANCEL_PENDING.
 *
 * @param outcome       COMPLETED or FAILED
 * @param failureReason one of AWS's FailureReason values when FAILED, else {@code null}
 * @param stateDetails  the free text AWS shows with the terminal state, or {@code null}
 * @param attempts      driver attempts (retryPolicyExecution.currentAttemptCount grows to it during RUNNING)
 */
public record JobScript(Duration pending, Duration submitted, Duration running, String outcome, String failureReason,
                        String stateDetails, int attempts, List<String> stdout, List<String> stderr,
                        Duration cancelPending) {
    private static final Set<String> FAILURE_REASONS = Set.of("INTERNAL_ERROR", "USER_ERROR", "VALIDATION_ERROR",
            "CLUSTER_UNAVAILABLE");

    public JobScript {
        requireNotNegative(pending, "pending");
        requireNotNegative(submitted, "submitted");
        requireNotNegative(running, "running");
        requireNotNegative(cancelPending, "cancelPending");
        if (!"COMPLETED".equals(outcome) && !"FAILED".equals(outcome)) {
            throw new IllegalArgumentException("JobScript outcome must be COMPLETED or FAILED, was " + outcome);
        }
        if ("FAILED".equals(outcome) && !FAILURE_REASONS.contains(failureReason)) {
            throw new IllegalArgumentException("JobScript failureReason must be one of " + FAILURE_REASONS
                    + " for a FAILED outcome, was " + failureReason);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("JobScript attempts must be at least 1, was " + attempts);
        }
        stdout = List.copyOf(stdout);
        stderr = List.copyOf(stderr);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration untilRunning() {
        return pending.plus(submitted);
    }

    public Duration untilFinished() {
        return untilRunning().plus(running);
    }

    private static void requireNotNegative(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative()) {
            throw new IllegalArgumentException("JobScript " + field + " must not be negative, was " + d);
        }
    }

    /** Defaults: 1 s PENDING, 2 s SUBMITTED, 10 s RUNNING, COMPLETED, one attempt, no output, 2 s to cancel. */
    public static final class Builder {
        private Duration pending = Duration.ofSeconds(1);
        private Duration submitted = Duration.ofSeconds(2);
        private Duration running = Duration.ofSeconds(10);
        private String outcome = "COMPLETED";
        private String failureReason;
        private String stateDetails;
        private int attempts = 1;
        private List<String> stdout = List.of();
        private List<String> stderr = List.of();
        private Duration cancelPending = Duration.ofSeconds(2);

        private Builder() {
        }

        public Builder pending(Duration d) {
            this.pending = d;
            return this;
        }

        public Builder submitted(Duration d) {
            this.submitted = d;
            return this;
        }

        public Builder running(Duration d) {
            this.running = d;
            return this;
        }

        public Builder completes() {
            this.outcome = "COMPLETED";
            this.failureReason = null;
            return this;
        }

        public Builder fails(String reason, String details) {
            this.outcome = "FAILED";
            this.failureReason = reason;
            this.stateDetails = details;
            return this;
        }

        public Builder stateDetails(String details) {
            this.stateDetails = details;
            return this;
        }

        public Builder attempts(int n) {
            this.attempts = n;
            return this;
        }

        public Builder stdout(String... lines) {
            this.stdout = List.of(lines);
            return this;
        }

        public Builder stdout(List<String> lines) {
            this.stdout = List.copyOf(lines);
            return this;
        }

        public Builder stderr(String... lines) {
            this.stderr = List.of(lines);
            return this;
        }

        public Builder stderr(List<String> lines) {
            this.stderr = List.copyOf(lines);
            return this;
        }

        public Builder cancelPending(Duration d) {
            this.cancelPending = d;
            return this;
        }

        public JobScript build() {
            return new JobScript(pending, submitted, running, outcome, failureReason, stateDetails, attempts, stdout,
                    stderr, cancelPending);
        }
    }
}
