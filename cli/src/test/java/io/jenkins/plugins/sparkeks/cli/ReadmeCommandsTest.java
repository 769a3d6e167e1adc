package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md gives a fresh machine exactly two commands (the demo, then the full build with its tests), CI runs
 * exactly that test command, and the plugin section says how to build and run the real hpi.
 */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

    @Test
    void aFreshMachineNeedsTheDemoCommandAndTheFullBuildOnly() throws IOException {
        String tryIt = section(readme(), "## Try it on a fresh machine");
        assertThat(commands(tryIt)).containsExactly(
                "mvn -B -ntp -q package -DskipTests -pl cli -am && cli/bin/spark-on-eks demo",
                "mvn -B -ntp verify");
    }

    @Test
    void ciRunsTheReadmeTestCommand() throws IOException {
        List<String> mavenLines = Files.readAllLines(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(l -> l.startsWith("mvn "))
                .toList();
        assertThat(mavenLines).containsExactly("mvn -B -ntp verify");
    }

    @Test
    void thePluginSectionBuildsAndRunsTheRealHpi() throws IOException {
        List<String> plugin = commands(section(readme(), "## The Jenkins plugin"));
        assertThat(plugin).contains("mvn -Pjenkins -pl plugin -am verify", "mvn -Pjenkins -pl plugin hpi:run");
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    }

    private static String section(String doc, String heading) {
        int start = doc.indexOf(heading + "\n");
        assertThat(start).as("README.md has '%s'", heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + heading.length());
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    /** The command lines of the section's bash blocks, without trailing comments. */
    private static List<String> commands(String section) {
        List<String> commands = new ArrayList<>();
        Matcher m = BASH_BLOCK.matcher(section);
        while (m.find()) {
            m.group(1).lines()
                    .map(l -> l.replaceFirst("\\s+#.*$", "").strip())
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(commands::add);
        }
        return commands;
    }
}
