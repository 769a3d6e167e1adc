package io.jenkins.plugins.sparkeks.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command has. */
final class CommonFlags {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "json prints one document on stdout and everything else on stderr.")
    OutputFormat output = OutputFormat.text;

    @Option(names = "--options-file", paramLabel = "FILE", parameterConsumer = OptionsFile.class,
            description = "Read options from a YAML, JSON or .properties file (keys = option names without "
                    + "dashes). Options written after it override the file.")
    Path optionsFile;
}
