package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class FieldOptionsTest {

    private final CommandLine root = SparkOnEks.commandLine(() -> null, new ManualInterrupts(), System.out, System.err, false);
    private final CommandSpec submit = root.getSubcommands().get("submit").getCommandSpec();
    private final CommandSpec emr = root.getSubcommands().get("emr-run").getCommandSpec();

    @Test
    void coreFieldNamesBecomeTheOptionsTheUserTyped() {
        assertThat(FieldOptions.option(submit, "driverMemory")).isEqualTo("--driver-memory");
        assertThat(FieldOptions.option(submit, "appName")).isEqualTo("--name");
        assertThat(FieldOptions.option(submit, "executorInstances")).isEqualTo("--num-executors");
        assertThat(FieldOptions.option(submit, "conf[spark.driver.host]")).isEqualTo("--conf spark.driver.host");
        assertThat(FieldOptions.option(submit, "labels[team]")).isEqualTo("--label team");
        assertThat(FieldOptions.option(submit, "primaryResource")).isEqualTo("<primary-resource>");
        assertThat(FieldOptions.option(emr, "sparkSubmitJobDriver.entryPoint")).isEqualTo("--entry-point");
        assertThat(FieldOptions.option(emr, "sparkSqlJobDriver.entryPoint")).isEqualTo("--sql-entry-point");
        assertThat(FieldOptions.option(emr, "sparkSubmitJobDriver.entryPointArguments[2]")).isEqualTo("<args>[2]");
        assertThat(FieldOptions.option(emr, "somethingElse")).isEqualTo("somethingElse");
    }

    @Test
    void messageListsEveryProblemWithOptionAndField() {
        String m = FieldOptions.message(submit, new InvalidJobSpecException(List.of(
                new FieldError("driverMemory", "'2 GB' is not a Spark size.", "Write 2g."),
                new FieldError("namespace", "is not a DNS-1123 label.", "Use lower case."))));

        assertThat(m).isEqualTo("Invalid input (2 problems):"
                + "\n  - --driver-memory (driverMemory): '2 GB' is not a Spark size. Write 2g."
                + "\n  - --namespace: is not a DNS-1123 label. Use lower case.");
    }
}
