package io.jenkins.plugins.sparkeks.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the committed comparison report true without the upstream mirrors: every declaration the stand-ins have
 * now must be listed in the report as equal to upstream or as a known difference, and the report may list nothing
 * the stand-ins no longer declare. A stand-in change therefore fails the default build until the comparison is
 * run again (build-support/README.md).
 */
class StandInReportTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private static List<TypeSignature> standIns;
    private static Map<String, Map<String, CheckedType.Status>> report;
    private static KnownDifferences known;

    @BeforeAll
    static void read() throws IOException {
        SignatureExtractor extractor = new SignatureExtractor();
        standIns = new ArrayList<>();
        for (SourceFile file : StandIns.read(ROOT)) {
            standIns.addAll(extractor.extract(file.text()));
        }
        report = Report.parse(Files.readString(ROOT.resolve(Report.FILE)));
        known = KnownDifferences.read(ROOT);
    }

    @Test
    void everyStandInDeclarationIsCheckedInTheReport() {
        List<String> unchecked = new ArrayList<>();
        for (TypeSignature type : standIns) {
            Map<String, CheckedType.Status> listed = report.getOrDefault(type.name(), Map.of());
            for (String line : type.lines()) {
                CheckedType.Status status = listed.get(line);
                boolean checked = status == CheckedType.Status.EQUAL
                        || status == CheckedType.Status.KNOWN && known.contains(type.name(), line);
                if (!checked) {
                    unchecked.add(type.name() + ": " + line + (status == null ? " (not in the report)" : " (" + status + ")"));
                }
            }
        }
        assertThat(unchecked)
                .as("stand-in declarations not checked against upstream; run the comparison (build-support/README.md)")
                .isEmpty();
    }

    @Test
    void reportListsNothingTheStandInsNoLongerDeclare() {
        List<String> current = standIns.stream()
                .flatMap(t -> t.lines().stream().map(l -> t.name() + ": " + l))
                .toList();
        List<String> stale = report.entrySet().stream()
                .flatMap(e -> e.getValue().keySet().stream().map(l -> e.getKey() + ": " + l))
                .filter(l -> !current.contains(l))
                .toList();
        assertThat(stale).as("report lines for declarations the stand-ins no longer have; rerun the comparison").isEmpty();
    }

    @Test
    void reportCoversBothStandInTrees() {
        // guards the test itself: an empty or unreadable report or stand-in tree must not pass vacuously
        assertThat(standIns).extracting(TypeSignature::name).contains("hudson.model.TaskListener", "org.jvnet.hudson.test.JenkinsRule");
        assertThat(report).containsKeys("hudson.model.TaskListener", "org.jvnet.hudson.test.JenkinsRule");
    }
}
