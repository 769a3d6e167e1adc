package io.jenkins.plugins.sparkeks.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code status REFERENCE}: the job's state now, without waiting. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a job's state now (from a reference printed by submit/emr-run) without waiting.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job succeeded or is still in progress", "1:the job failed", "2:bad reference",
                "3:the job timed out", "4:the job was cancelled", "5:cluster or AWS error",
                "6:the outcome can no longer be read (the driver pod is gone)"})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    SparkOnEks root;

    @Mixin
    CommonFlags common;

    @Parameters(index = "0", paramLabel = "<reference>", description = "The job reference (soe1.…).")
    String reference;

    @Mixin
    KubernetesFlags access;

    @Override
    public Integer call() {
        return root.run(common, session -> {
            var ref = new ReferenceCodec().decode(reference);
            return session.status(root.engines().forReference(ref, access), ref);
        });
    }
}
