package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Terminal terminal(OutputFormat format, boolean tty) {
        return new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), format, tty);
    }

    @Test
    void onATerminalTheStateIsOneLineRedrawnAroundDriverLines() {
        Terminal t = terminal(OutputFormat.text, true);

        t.state(JobState.PENDING, "pulling image");
        t.driverLog("hello");
        t.state(JobState.RUNNING, null);
        t.endStatus();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\r\033[2K» PENDING: pulling image"   // drawn
                + "\r\033[2K"                         // cleared before the driver line
                + "» PENDING: pulling image"          // redrawn after it
                + "\r\033[2K» RUNNING"                // replaced in place
                + "\r\033[2K")                        // cleared at the end
                .doesNotContain("\n");
    }

    @Test
    void sparkProgressJoinsTheLiveLineOnATerminalAndIsALineOfItsOwnElsewhere() {
        Terminal live = terminal(OutputFormat.text, true);
        live.state(JobState.RUNNING, "driver pod spark/pi-driver");
        live.sparkProgress("Spark: jobs 0 done, 1 running, 0 failed");
        live.sparkProgress("Spark: jobs 1 done, 0 running, 0 failed");
        live.endStatus();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .endsWith("\r\033[2K» RUNNING: driver pod spark/pi-driver · Spark: jobs 1 done, 0 running, 0 failed\r\033[2K")
                .doesNotContain("\n");

        err.reset();
        Terminal plain = terminal(OutputFormat.text, false);
        plain.sparkProgress("Spark: jobs 1 done, 0 running, 0 failed");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("[spark-on-eks] Spark: jobs 1 done, 0 running, 0 failed\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).as("stdout stays the driver log").isEmpty();
    }

    @Test
    void withoutATerminalEveryStateIsAPlainLine() {
        Terminal t = terminal(OutputFormat.text, false);

        t.state(JobState.PENDING, "pulling image");
        t.progress("ignored");
        t.state(JobState.RUNNING, null);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("[spark-on-eks] PENDING: pulling image\n[spark-on-eks] RUNNING\n");
    }

    @Test
    void jsonModeKeepsStdoutForTheDocument() {
        Terminal t = terminal(OutputFormat.json, true);

        t.state(JobState.RUNNING, null);
        t.driverLog("driver line");
        t.result(JobResult.builder(Backend.KUBERNETES, JobState.FAILED).exitCode(1)
                .explanation(List.of("why")).build(), "soe1.k8s.x", false);

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{").contains("\"reference\" : \"soe1.k8s.x\"")
                .doesNotContain("driver line");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("driver line").doesNotContain("\033");
    }
}
