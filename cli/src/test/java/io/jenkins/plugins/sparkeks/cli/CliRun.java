package io.jenkins.plugins.sparkeks.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** One in-process run of the command with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Supplier<Engines> engines, Interrupts interrupts, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = SparkOnEks.commandLine(engines, interrupts, o, e, false).execute(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    static CliRun run(Supplier<Engines> engines, String... args) {
        return run(engines, new ManualInterrupts(), args);
    }
}
