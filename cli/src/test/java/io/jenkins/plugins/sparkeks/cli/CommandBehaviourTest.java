package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's own contract (exit codes, streams, JSON, Ctrl-C, options files) over a scripted engine. */
class CommandBehaviourTest {

    private static final String[] EMR = {"emr-run", "--region", "us-east-1", "--name", "pi",
        "--virtual-cluster-id", "vc1", "--execution-role-arn", "arn:aws:iam::111122223333:role/job",
        "--release-label", "emr-7.5.0-latest", "--entry-point", "local:///app.jar"};

    @TempDir
    Path dir;

    private static final class TestEngines implements Engines {
        final ScriptedEmrBackend backend;

        TestEngines(ScriptedEmrBackend backend) {
            this.backend = backend;
        }

        @Override
        public SparkJobBackend<SparkSubmitRequest> kubernetes(KubernetesFlags cluster) {
            throw new UnsupportedOperationException("these tests run emr-run only");
        }

        @Override
        public SparkJobBackend<EmrJobRequest> emr(AwsFlags aws) {
            return backend;
        }

        @Override
        public SparkJobBackend<?> forReference(JobReference reference, KubernetesFlags access) {
            return backend;
        }

        @Override
        public void close() {}
    }

    private static String[] emr(String... more) {
        String[] all = new String[EMR.length + more.length];
        System.arraycopy(EMR, 0, all, 0, EMR.length);
        System.arraycopy(more, 0, all, EMR.length, more.length);
        return all;
    }

    @Test
    void succeededJobExitsZeroWithTheDriverLogOnStdoutAndStatesOnStderr() {
        TestEngines engines = new TestEngines(new ScriptedEmrBackend(JobState.SUCCEEDED, List.of("Pi is roughly 3.14")));

        CliRun run = CliRun.run(() -> engines, emr());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo("Pi is roughly 3.14\n");
        assertThat(run.err()).contains("Submitted EMR_ON_EKS job vc1/jr1", "Reference: soe1.emr.",
                "[spark-on-eks] RUNNING: driver running", "SUCCEEDED EMR_ON_EKS vc1/jr1");
    }

    @Test
    void failedJobExitsOneAndExplainsWhy() {
        TestEngines engines = new TestEngines(new ScriptedEmrBackend(JobState.FAILED, List.of("java.lang.RuntimeException: boom")));

        CliRun run = CliRun.run(() -> engines, emr());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(run.err()).contains("FAILED EMR_ON_EKS vc1/jr1 reason=USER_ERROR", "Driver exited with code 1",
                "Why:", "    java.lang.RuntimeException: boom");
    }

    @Test
    void timedOutJobExitsThree() {
        CliRun run = CliRun.run(() -> new TestEngines(new ScriptedEmrBackend(JobState.TIMED_OUT, List.of())),
                emr("--timeout", "5m"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.TIMED_OUT);
    }

    @Test
    void badInputExitsTwoNamingTheFieldAndSubmitsNothing() {
        ScriptedEmrBackend backend = new ScriptedEmrBackend(JobState.SUCCEEDED, List.of());

        CliRun run = CliRun.run(() -> new TestEngines(backend),
                emr("--application-config", "spark.executor.instances=4"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("application-config", "CLASSIFICATION:KEY=VALUE", "Nothing was submitted");
        assertThat(backend.submitted).isEmpty();
    }

    @Test
    void unknownOptionsAndBadDurationsAreUsageErrors() {
        TestEngines engines = new TestEngines(new ScriptedEmrBackend(JobState.SUCCEEDED, List.of()));

        assertThat(CliRun.run(() -> engines, emr("--no-such-option")).exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun badDuration = CliRun.run(() -> engines, emr("--timeout", "soon"));
        assertThat(badDuration.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badDuration.err()).contains("--timeout", "'soon' is not a duration");
    }

    @Test
    void noWaitPrintsOnlyTheReferenceThenStatusLogsAndCancelUseIt() {
        ScriptedEmrBackend backend = new ScriptedEmrBackend(JobState.SUCCEEDED, List.of("line 1", "line 2"));
        TestEngines engines = new TestEngines(backend);

        CliRun submitted = CliRun.run(() -> engines, emr("--no-wait"));
        assertThat(submitted.exitCode()).isZero();
        String ref = submitted.out().trim();
        assertThat(ref).startsWith("soe1.emr.").doesNotContain("\n");

        CliRun status = CliRun.run(() -> engines, "status", ref);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).startsWith("RUNNING EMR_ON_EKS vc1/jr1");

        CliRun logs = CliRun.run(() -> engines, "logs", ref);
        assertThat(logs.exitCode()).isZero();
        assertThat(logs.out()).isEqualTo("line 1\nline 2\n");

        CliRun cancel = CliRun.run(() -> engines, "cancel", ref);
        assertThat(cancel.exitCode()).isZero();
        assertThat(cancel.out()).startsWith("CANCELLED EMR_ON_EKS vc1/jr1");
        assertThat(backend.calls).containsSubsequence("submit", "describe", "watch", "cancel-by-reference");
    }

    @Test
    void aDamagedReferenceIsAUsageErrorNamingTheParameter() {
        CliRun run = CliRun.run(() -> new TestEngines(new ScriptedEmrBackend(JobState.SUCCEEDED, List.of())),
                "status", "soe1.emr.!!!");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("reference: is damaged");
    }

    @Test
    void jsonOutputIsOneDocumentOnStdoutWithTheVerdictAndReference() throws Exception {
        CliRun run = CliRun.run(() -> new TestEngines(new ScriptedEmrBackend(JobState.FAILED, List.of("boom"))),
                emr("--output", "json"));

        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(doc.get("state").asText()).isEqualTo("FAILED");
        assertThat(doc.get("success").asBoolean()).isFalse();
        assertThat(doc.get("jobRunId").asText()).isEqualTo("jr1");
        assertThat(doc.get("reference").asText()).startsWith("soe1.emr.");
        assertThat(run.err()).contains("boom");
    }

    @Test
    void ctrlCCancelsTheRemoteJobAndExitsFour() {
        ScriptedEmrBackend backend = new ScriptedEmrBackend(null, List.of());
        ManualInterrupts ctrlC = new ManualInterrupts();

        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> CliRun.run(() -> new TestEngines(backend), ctrlC, emr()));
        await().atMost(Duration.ofSeconds(10)).until(ctrlC::armed);
        ctrlC.press();

        CliRun done = run.join();
        assertThat(done.exitCode()).isEqualTo(ExitCodes.CANCELLED);
        assertThat(backend.calls).contains("cancel:interrupted (Ctrl-C)");
        assertThat(done.err()).contains("Interrupted: cancelling vc1/jr1");
    }

    @Test
    void ctrlCWithDetachLeavesTheJobRunning() {
        ScriptedEmrBackend backend = new ScriptedEmrBackend(null, List.of());
        ManualInterrupts ctrlC = new ManualInterrupts();

        CompletableFuture.runAsync(() -> CliRun.run(() -> new TestEngines(backend), ctrlC, emr("--detach")));
        await().atMost(Duration.ofSeconds(10)).until(ctrlC::armed);
        ctrlC.press();

        assertThat(backend.calls).contains("detach").noneMatch(c -> c.startsWith("cancel"));
    }

    @Test
    void optionsComeFromAYamlFileAndLaterOptionsOverrideIt() throws Exception {
        Path yaml = dir.resolve("job.yaml");
        Files.writeString(yaml, """
                region: us-east-1
                name: from-file
                virtual-cluster-id: vc1
                execution-role-arn: arn:aws:iam::111122223333:role/job
                release-label: emr-7.5.0-latest
                entry-point: local:///app.jar
                args: [10, 20]
                tag: {team: data, env: test}
                application-config:
                  - spark-defaults:spark.executor.instances=4
                follow-logs: false
                """);
        ScriptedEmrBackend backend = new ScriptedEmrBackend(JobState.SUCCEEDED, List.of("hidden"));

        CliRun run = CliRun.run(() -> new TestEngines(backend), "emr-run", "--options-file", yaml.toString(),
                "--name", "from-cli");

        assertThat(run.exitCode()).isZero();
        EmrJobRequest r = backend.submitted.get(0);
        assertThat(r.name()).isEqualTo("from-cli");
        assertThat(r.virtualClusterId()).isEqualTo("vc1");
        assertThat(r.tags()).containsEntry("team", "data").containsEntry("env", "test");
        assertThat(r.applicationConfiguration().get(0).properties()).containsEntry("spark.executor.instances", "4");
        assertThat(r.jobDriver().entryPoint()).isEqualTo("local:///app.jar");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void optionsComeFromAPropertiesFileWithDottedKeysForMaps() throws Exception {
        Path props = dir.resolve("job.properties");
        Files.writeString(props, """
                region=us-east-1
                name=props
                virtual-cluster-id=vc1
                execution-role-arn=arn:aws:iam::111122223333:role/job
                release-label=emr-7.5.0-latest
                entry-point=local:///app.jar
                tag.team=data
                """);
        ScriptedEmrBackend backend = new ScriptedEmrBackend(JobState.SUCCEEDED, List.of());

        CliRun run = CliRun.run(() -> new TestEngines(backend), "emr-run", "--options-file", props.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(backend.submitted.get(0).name()).isEqualTo("props");
        assertThat(backend.submitted.get(0).tags()).containsEntry("team", "data");
    }

    @Test
    void anUnknownKeyInAnOptionsFileIsAUsageErrorNamingIt() throws Exception {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "nmae: typo\n");

        CliRun run = CliRun.run(() -> new TestEngines(new ScriptedEmrBackend(JobState.SUCCEEDED, List.of())),
                "emr-run", "--options-file", yaml.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'nmae' is not an option of 'spark-on-eks emr-run'");
    }

    @Test
    void helpWorksOnEveryCommandWithoutFormatWarnings() {
        // picocli reports a broken format string (e.g. an unescaped %) on System.err, not on the command's stream
        java.io.PrintStream systemErr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : List.of("", "submit", "emr-run", "status", "logs", "cancel", "demo")) {
                String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
                CliRun run = CliRun.run(() -> new TestEngines(new ScriptedEmrBackend(JobState.SUCCEEDED, List.of())), args);
                assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
                assertThat(run.out()).contains("Usage: spark-on-eks", "Exit codes:");
            }
        } finally {
            System.setErr(systemErr);
        }
        assertThat(warnings.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }
}
