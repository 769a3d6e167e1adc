package io.jenkins.plugins.sparkeks.emulator;

import java.util.Optional;

/**
 * Something that runs the Spark drivers of EMR on EKS job runs for real (a Kubernetes sandbox), instead of the
 * emulator playing their {@link JobScript}. The emulator offers it every spark-submit run it accepts; a run the host
 * takes stays SUBMITTED until the host reports its driver running, is RUNNING until the driver exits, and ends
 * COMPLETED for exit code 0, else FAILED (USER_ERROR). The driver's output is what the host reports as its log,
 * published as the driver's stdout (CloudWatch and S3, as for scripted runs); the run's script lends only its PENDING
 * time. maxConcurrentJobRuns does not hold such runs back.
 */
@FunctionalInterface
public interface DriverHost {

    /**
     * Called under the emulator's lock when StartJobRun accepts {@code launch}: start its driver (without waiting for
     * it) and report through {@code events}, from any thread; or return empty to leave the run to its script.
     */
    Optional<Hosted> launch(DriverLaunch launch, Events events);

    /** A driver the host runs. */
    @FunctionalInterface
    interface Hosted {
        /** CancelJobRun was accepted: stop the driver (called under the emulator's lock; must not wait for it). */
        void cancel();
    }

    /** What the host tells the emulator about one run's driver; reports after the run ended are ignored. */
    interface Events {
        /** The driver container started. */
        void running();

        /**
         * One line of the driver container's log (stdout and stderr together, as {@code kubectl logs} shows them),
         * printed now. Report every line before {@link #exited}: later lines are dropped.
         */
        void log(String line);

        /** The driver container ended with {@code exitCode}. */
        void exited(int exitCode);

        /** The driver is gone without an exit code (its pod was deleted); the run fails with {@code reason}. */
        void lost(String reason);
    }
}
