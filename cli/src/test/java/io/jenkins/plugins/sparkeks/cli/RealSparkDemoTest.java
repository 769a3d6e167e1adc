package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.sandbox.SparkRuntime;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --real-spark}: SparkPi runs for real in the sandbox (one driver JVM, some seconds). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealSparkDemoTest {

    private static final Path RUNTIME = Path.of(System.getProperty("sandbox.sparkRuntime"));

    @Test
    void demoRunsRealSparkPiAndItsLogIsSparksOwn() {
        CliRun run = CliRun.run(ClusterEngines::new, "demo", "--only", "kubernetes", "--real-spark", RUNTIME.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("INFO SparkContext: Running Spark version 3.5.6", "Pi is roughly 3.1",
                "\"exitCode\" : 0");
        assertThat(run.err()).contains("SUCCEEDED KUBERNETES spark-demo/spark-pi-", "its driver runs for real");
        // Spark insight read the event log after the end: one job of two stages, as SparkPi runs it here
        assertThat(run.out().replaceAll("\\s+", "")).contains("\"coverage\":\"COMPLETE\"",
                "\"jobs\":{\"succeeded\":1,\"running\":0,\"failed\":0}", "\"stages\":{\"completed\":2,");
    }

    @Test
    void aMissingRuntimeIsAUsageErrorThatSaysHowToBuildIt(@TempDir Path empty) {
        CliRun run = CliRun.run(ClusterEngines::new, "demo", "--real-spark", empty.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--real-spark: no Spark runtime at " + empty.toAbsolutePath(),
                SparkRuntime.BUILD_COMMAND);
    }

    @Test
    void theRuntimeIsTheGivenDirectoryElseTheEnvironmentsElseTheCheckoutsBuild(@TempDir Path dir) {
        Path checkout = RUNTIME.getParent().getParent().getParent().getParent();

        assertThat(RealSparkRuntime.locate(RUNTIME.toString(), Map.of(), dir, null).lib())
                .isEqualTo(RUNTIME.resolve("lib").toAbsolutePath().normalize());
        assertThat(RealSparkRuntime.locate("", Map.of(RealSparkRuntime.ENV, RUNTIME.toString()), dir, null).lib())
                .isEqualTo(RUNTIME.resolve("lib").toAbsolutePath().normalize());
        assertThat(RealSparkRuntime.locate("", Map.of(), checkout, null).lib())
                .isEqualTo(RUNTIME.resolve("lib").toAbsolutePath().normalize());
        assertThat(RealSparkRuntime.locate("", Map.of(), dir, checkout.resolve("cli").resolve("target")).lib())
                .isEqualTo(RUNTIME.resolve("lib").toAbsolutePath().normalize());
        assertThatThrownBy(() -> RealSparkRuntime.locate("", Map.of(RealSparkRuntime.ENV, dir.toString()),
                checkout, null)).hasMessageContaining("no Spark runtime at " + dir.toAbsolutePath());
    }
}
