package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/reference.md documents every option and positional parameter of every command, in that command's own
 * section ({@code ### spark-on-eks <command>}). Adding an option without documenting it fails here.
 */
class ReferenceDocumentationTest {

    private static final Path REFERENCE = Path.of("..", "docs", "reference.md");

    @Test
    void everyOptionOfEveryCommandIsDocumentedInItsSection() throws IOException {
        String doc = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        CommandLine root = SparkOnEks.commandLine(() -> null, new ManualInterrupts(), System.out, System.err, false);
        List<String> missing = new ArrayList<>();
        for (CommandLine command : commands(root)) {
            CommandSpec spec = command.getCommandSpec();
            String section = section(doc, spec.qualifiedName());
            if (section == null) {
                missing.add("section '### `" + spec.qualifiedName() + "`'");
                continue;
            }
            for (OptionSpec option : spec.options()) {
                if (!option.hidden() && !section.contains("`" + option.longestName())) {
                    missing.add(spec.qualifiedName() + " " + option.longestName());
                }
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (!p.hidden() && !section.contains("`" + p.paramLabel())) {
                    missing.add(spec.qualifiedName() + " " + p.paramLabel());
                }
            }
        }
        assertThat(missing).as("undocumented in docs/reference.md").isEmpty();
    }

    @Test
    void everyExitCodeIsDocumentedAndListedInTheTopLevelHelp() throws IOException, IllegalAccessException {
        String doc = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        CommandLine root = SparkOnEks.commandLine(() -> null, new ManualInterrupts(), System.out, System.err, false);
        java.util.Set<String> listed = root.getCommandSpec().usageMessage().exitCodeList().keySet().stream()
                .map(String::strip).collect(java.util.stream.Collectors.toSet());
        List<Integer> codes = new ArrayList<>();
        for (java.lang.reflect.Field f : ExitCodes.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                codes.add(f.getInt(null));
            }
        }
        assertThat(codes).contains(ExitCodes.CANCEL_NOT_CONFIRMED);
        for (int code : codes) {
            assertThat(doc).as("exit code %s in docs/reference.md", code).contains("| " + code + " |");
            assertThat(listed).as("exit code %s in spark-on-eks --help", code).contains(String.valueOf(code));
        }
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub)) {
                all.addAll(commands(sub));
            }
        }
        return all.stream().distinct().toList();
    }

    /** The text from {@code ### `name`} to the next heading of the same or a higher level. */
    private static String section(String doc, String qualifiedName) {
        String heading = "### `" + qualifiedName + "`";
        int start = doc.indexOf(heading + "\n");
        if (start < 0) {
            return null;
        }
        int bodyStart = start + heading.length();
        int next = doc.length();
        for (String marker : new String[] {"\n### ", "\n## "}) {
            int i = doc.indexOf(marker, bodyStart);
            if (i >= 0) {
                next = Math.min(next, i);
            }
        }
        return doc.substring(bodyStart, next);
    }
}
