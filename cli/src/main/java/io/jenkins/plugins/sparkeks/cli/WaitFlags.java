package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How {@code submit} and {@code emr-run} wait for the job. */
final class WaitFlags {

    @Option(names = "--no-wait", description = "Submit, print the job reference on stdout and exit 0 without waiting. "
            + "Follow it later with 'logs', 'status' or 'cancel'.")
    boolean noWait;

    @Option(names = "--detach", description = "On Ctrl-C stop following but leave the job running "
            + "(default: Ctrl-C cancels the remote job).")
    boolean detach;

    @Option(names = "--start-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Cancel the job and exit 3 when the driver has not started "
                    + "running within this time (e.g. 10m). Default: no limit.")
    Duration startTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Cancel the job when it has not ended this long after submission (e.g. 2h). Default: no limit.")
    Duration timeout;

    @Option(names = "--follow-logs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Stream the driver log while waiting (default: ${DEFAULT-VALUE}).")
    boolean followLogs = true;

    @Option(names = "--cancel-grace-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Grace period given to the driver when the job is cancelled. Default: the cluster's.")
    Duration cancelGracePeriod;

    @Option(names = "--api-unreachable-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "End the wait with outcome UNKNOWN (exit 6) when the Kubernetes or EMR API has failed every "
                    + "look at the job for this long; the job itself is left alone. Default: 15m.")
    Duration apiUnreachableTimeout;

    WaitOptions toWaitOptions(Retention retention) {
        if (noWait && detach) {
            // --detach says what Ctrl-C does while waiting; with --no-wait there is no waiting to interrupt
            throw new InvalidJobSpecException(List.of(new FieldError("detach", "cannot be combined with --no-wait.",
                    "Use --no-wait to return right after submitting, or --detach to wait and leave the job running "
                            + "on Ctrl-C.")));
        }
        return new WaitOptions(startTimeout, timeout, followLogs, retention, cancelGracePeriod)
                .withApiUnreachableTimeout(apiUnreachableTimeout);
    }
}
