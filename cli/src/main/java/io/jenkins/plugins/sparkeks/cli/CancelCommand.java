package io.jenkins.plugins.sparkeks.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cancel REFERENCE}: cancels the remote job and waits (bounded) until it is terminal. */
@Command(name = "cancel", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cancel a job from its reference (deletes the driver pod / CancelJobRun) and wait until it "
                + "has stopped. A job that has already ended is left as it is.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job is now terminal (cancelled or already ended)", "2:bad reference",
                "5:cluster or AWS error",
                "7:the cancel was not confirmed within the grace period; the job may still be running"})
final class CancelCommand implements Callable<Integer> {

    @ParentCommand
    SparkOnEks root;

    @Mixin
    CommonFlags common;

    @Parameters(index = "0", paramLabel = "<reference>", description = "The job reference (soe1.…).")
    String reference;

    @Option(names = "--grace-period", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Grace period for the driver to stop (default: the cluster's).")
    Duration gracePeriod;

    @Mixin
    KubernetesFlags access;

    @Override
    public Integer call() {
        return root.run(common, session -> {
            var ref = new ReferenceCodec().decode(reference);
            return session.cancel(root.engines().forReference(ref, access), ref, gracePeriod);
        });
    }
}
