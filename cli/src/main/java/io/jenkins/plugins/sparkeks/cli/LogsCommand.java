package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code logs REFERENCE}: follows a job's driver log until the job ends; Ctrl-C only stops following. */
@Command(name = "logs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Follow a job's driver log from a reference until the job ends, then print its verdict.",
                "Ctrl-C stops following and leaves the job running."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job succeeded", "1:the job failed", "2:bad reference", "3:the job timed out",
                "4:the job was cancelled", "5:cluster or AWS error",
                "6:outcome unknown: the driver pod is gone and its end was not seen",
                "7:a cancel or timeout was not confirmed; the job may still be running"})
final class LogsCommand implements Callable<Integer> {

    @ParentCommand
    SparkOnEks root;

    @Mixin
    CommonFlags common;

    @Parameters(index = "0", paramLabel = "<reference>", description = "The job reference (soe1.…).")
    String reference;

    @Option(names = "--from-start", description = "Print the whole log, not only what follows the reference's "
            + "log position (references printed at the end of a run point past the last line).")
    boolean fromStart;

    @Mixin
    KubernetesFlags access;

    @Mixin
    InsightFlags insightFlags;

    private <S> SparkJobBackend<S> withInsight(Engines engines, SparkJobBackend<S> backend) {
        return engines.withInsight(backend, insightFlags.toOptions(), request -> null);
    }

    @Override
    public Integer call() {
        return root.run(common, session -> {
            JobReference ref = new ReferenceCodec().decode(reference);
            if (fromStart) {
                ref = ref.withLogCursor(LogCursor.START);
            }
            // a reader leaves the driver pod where it is; retention belongs to whoever submitted the job
            // the request is not known here: insight reads the UI, but no event log
            return session.follow(withInsight(root.engines(), root.engines().forReference(ref, access)), ref,
                    WaitOptions.DEFAULT.withRetention(Retention.KEEP), false);
        });
    }
}
