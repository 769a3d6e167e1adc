package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Help is read in an 80-column terminal and copied from: a URL or path split across lines cannot be pasted. */
class HelpTextTest {

    /** URLs ({@code local:///...}), home paths ({@code ~/.kube/config}) and ARNs in the texts we wrote. */
    private static final Pattern UNBREAKABLE = Pattern.compile("\\S*(://|~/|arn:aws)\\S*");

    @Test
    void noUrlOrPathIsWrappedInsideInAnyCommandsHelp() {
        CommandLine root = SparkOnEks.commandLine(() -> null, new ManualInterrupts(), System.out, System.err, false);
        List<String> broken = new ArrayList<>();
        for (CommandLine command : root.getSubcommands().values()) {
            String help = command.getUsageMessage();
            for (String token : tokens(command.getCommandSpec())) {
                if (!help.contains(token)) {
                    broken.add(command.getCommandName() + ": " + token);
                }
            }
        }
        assertThat(broken).as("tokens split across lines").isEmpty();
    }

    private static List<String> tokens(CommandSpec spec) {
        List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
        spec.options().forEach(o -> texts.addAll(List.of(o.description())));
        spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            Matcher m = UNBREAKABLE.matcher(text);
            while (m.find()) {
                out.add(trimPunctuation(m.group()));
            }
        }
        return out;
    }

    private static String trimPunctuation(String token) {
        return Stream.of(".", ",", ")", ";").reduce(token, (t, p) -> t.endsWith(p) ? t.substring(0, t.length() - 1) : t);
    }
}
