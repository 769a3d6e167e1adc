package io.jenkins.plugins.sparkeks.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a user sees when the command line itself cannot be parsed: one line saying what is wrong and a pointer to
 * {@code --help}, never the whole usage text (130 lines hide the one that matters). A malformed {@code KEY=VALUE}
 * entry is shown by its key only: whatever followed the key may be a secret typed with the wrong separator
 * ({@code --conf spark.hadoop.fs.s3a.secret.key:...}).
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(message(ex));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    /** Lets the parser go on past a bad value, so that {@link #beforeRunning} can report every one of them. */
    static void collectAll(CommandLine command) {
        command.getCommandSpec().parser().collectErrors(true);
        command.getSubcommands().values().forEach(UsageErrors::collectAll);
    }

    /** Runs {@code next} only when the command line had no mistakes; otherwise lists them all and exits 2. */
    static CommandLine.IExecutionStrategy beforeRunning(CommandLine.IExecutionStrategy next) {
        return parsed -> {
            List<Exception> errors = new ArrayList<>();
            CommandLine last = parsed.commandSpec().commandLine();
            for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
                errors.addAll(p.errors());
                last = p.commandSpec().commandLine();
            }
            if (errors.isEmpty()) {
                return next.execute(parsed);
            }
            PrintWriter err = last.getErr();
            if (errors.size() == 1) {
                err.println(describe(errors.get(0)));
            } else {
                err.println("Invalid command line (" + errors.size() + " problems):");
                errors.forEach(e -> err.println("  - " + describe(e)));
            }
            err.println("See '" + last.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        };
    }

    private static String describe(Exception e) {
        return e instanceof ParameterException p ? message(p) : e.getMessage();
    }

    static String message(ParameterException ex) {
        ArgSpec arg = ex.getArgSpec();
        if (arg instanceof OptionSpec option && Map.class.isAssignableFrom(option.type())) {
            return malformedEntry(option, ex.getValue());
        }
        return ex.getMessage();
    }

    private static String malformedEntry(OptionSpec option, String value) {
        String name = option.longestName();
        String key = keyOf(value);
        String shown = key.isEmpty() ? "an entry" : "'" + key + "…'";
        String example = key.isEmpty() ? "KEY" : key;
        return "Invalid value for " + name + ": " + shown + " is not " + option.paramLabel() + " (its value is not "
                + "shown). Write " + name + " " + example + "=VALUE.";
    }

    /** The text before the first separator a user might have typed instead of '='. */
    private static String keyOf(String value) {
        if (value == null) {
            return "";
        }
        int end = value.length();
        for (char c : new char[] {'=', ':', ' ', '\t'}) {
            int at = value.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return end == value.length() ? "" : value.substring(0, end);
    }
}
