package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spark-on-eks} command. */
@Command(name = "spark-on-eks", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run Apache Spark on Amazon EKS or EMR on EKS from any CI: submit, wait, stream the driver "
                + "log, and exit with the driver's real verdict.",
                "Try it without AWS: spark-on-eks demo"},
        subcommands = {SubmitCommand.class, EmrRunCommand.class, StatusCommand.class, LogsCommand.class, CancelCommand.class,
                DemoCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the job failed", "2:bad input or usage", "3:timed out (job cancelled)",
                "4:job cancelled", "5:cluster or AWS error",
                "6:outcome unknown: the driver pod is gone and its end was not seen",
                "7:cancel not confirmed: the job was asked to stop but was not seen to stop; it may still run"})
public final class SparkOnEks implements Runnable {

    private final Supplier<Engines> engineFactory;
    private final Interrupts interrupts;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private Engines engines;

    SparkOnEks(Supplier<Engines> engineFactory, Interrupts interrupts, PrintStream out, PrintStream err,
            boolean interactive) {
        this.engineFactory = engineFactory;
        this.interrupts = interrupts;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = commandLine(ClusterEngines::new, Interrupts.SHUTDOWN_HOOK, out, err, System.console() != null)
                .execute(args);
        System.exit(code);
    }

    /** The command wired to the given engines and streams; tests run it in-process with {@code execute}. */
    static CommandLine commandLine(Supplier<Engines> engines, Interrupts interrupts, PrintStream out, PrintStream err,
            boolean interactive) {
        SparkOnEks root = new SparkOnEks(engines, interrupts, out, err, interactive);
        CommandLine cl = new CommandLine(root);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // an options file sets values the command line may set again; the later one wins
        cl.setOverwrittenOptionsAllowed(true);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(new UsageErrors());
        // every mistake on the command line is reported in one run, not one per attempt
        UsageErrors.collectAll(cl);
        cl.setExecutionStrategy(UsageErrors.beforeRunning(new CommandLine.RunLast()));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidJobSpecException invalid) {
                cmd.getErr().println(FieldOptions.message(cmd.getCommandSpec(), invalid));
                cmd.getErr().println("Nothing was submitted. See '" + cmd.getCommandSpec().qualifiedName()
                        + " --help'.");
                return ExitCodes.USAGE;
            }
            cmd.getErr().println("Error: " + (e instanceof JobException ? "" : e.getClass().getSimpleName() + ": ")
                    + e.getMessage());
            return ExitCodes.ERROR;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "Missing command; see --help.");
    }

    /** Runs one command's work with a session on this process's terminal; closes the engines afterwards. */
    int run(CommonFlags common, Function<JobSession, JobSession.Outcome> work) {
        Terminal terminal = new Terminal(out, err, common.output, interactive);
        try {
            return work.apply(new JobSession(terminal, interrupts, new ReferenceCodec())).exitCode();
        } finally {
            if (engines != null) {
                engines.close();
                engines = null;
            }
        }
    }

    Engines engines() {
        if (engines == null) {
            engines = engineFactory.get();
        }
        return engines;
    }

    /** A caller's key, or a fresh one: without a key every call is a new job. */
    SubmissionKey submissionKey(String given) {
        if (given != null && given.isBlank()) {
            throw new InvalidJobSpecException(List.of(new FieldError("submissionKey", "is empty.",
                    "Give a key that names this submission (e.g. the CI job and build), or leave the option out "
                            + "for a new key per call.")));
        }
        return new SubmissionKey(given != null ? given : "cli:" + UUID.randomUUID());
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Interrupts interrupts() {
        return interrupts;
    }

    boolean interactive() {
        return interactive;
    }
}
