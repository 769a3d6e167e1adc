package io.jenkins.plugins.sparkeks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness at N=2 with one repetition, so a change that breaks a scenario breaks the build. */
class BenchTinyScaleTest {

    @TempDir
    Path work;

    @Test
    void everyScenarioProducesItsRowsAtTinyScale() throws Exception {
        BenchOptions options = new BenchOptions(List.of(2), 1, BenchOptions.DEFAULT_SPARK_LIB, Set.of(), work, 5);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<Row> rows = Bench.run(options, System.getProperty("java.class.path"),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("engine JVM:", "server JVM:");
        for (Scenario scenario : Scenarios.all()) {
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("running " + scenario.name());
        }
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.ours().median()).isFinite());
        String table = Table.render(rows);
        assertThat(table.lines().count()).isEqualTo(rows.size() + 2L);
    }
}
