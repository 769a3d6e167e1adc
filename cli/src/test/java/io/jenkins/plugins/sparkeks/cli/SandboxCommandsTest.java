package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.emulator.JobRunRequest;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.sandbox.DriverScript;
import io.jenkins.plugins.sparkeks.sandbox.DriverScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The commands against the real engines, on the embedded Kubernetes sandbox and the AWS emulator. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxCommandsTest {

    private static SandboxEngines sandbox;

    @BeforeAll
    static void start() {
        List<String> many = new ArrayList<>();
        IntStream.rangeClosed(1, 40).forEach(i -> many.add("progress " + i));
        DriverScripts drivers = new DriverScripts()
                .forAppName("boom", DriverScript.failing(2, List.of("Exception in thread \"main\" boom")))
                .forAppName("slow", DriverScript.succeeding(many).withLineInterval(Duration.ofMillis(100)))
                .forImageContaining("does-not-exist", DriverScript.imagePullFailure());
        sandbox = new SandboxEngines(drivers, SandboxCommandsTest::quickJobRun);
    }

    /** Job runs of a few seconds: Pi, or a USER_ERROR when the name says fail. */
    private static JobScript quickJobRun(JobRunRequest request) {
        JobScript.Builder b = JobScript.builder().pending(Duration.ofMillis(300)).submitted(Duration.ofMillis(300))
                .running(Duration.ofSeconds(2)).cancelPending(Duration.ofMillis(500));
        if (request.name() != null && request.name().contains("fail")) {
            return b.stderr("java.lang.IllegalStateException: scripted").fails("USER_ERROR", "Driver exited with code 1")
                    .build();
        }
        return b.stdout("Pi is roughly 3.1415926535").completes().build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static CliRun cli(String... args) {
        return CliRun.run(() -> new SharedSandbox(sandbox, false), args);
    }

    private static String[] submit(String app, String... more) {
        List<String> args = new ArrayList<>(List.of("submit", "--namespace", "spark", "--name", app,
                "--image", DemoCommand.IMAGE, "--class", "org.apache.spark.examples.SparkPi"));
        args.addAll(List.of(more));
        args.add(DemoCommand.EXAMPLES);
        args.add("100");
        return args.toArray(String[]::new);
    }

    @Test
    void submitWaitsStreamsTheDriverLogAndExitsZero() {
        CliRun run = cli(submit("spark-pi"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Pi is roughly 3.14");
        assertThat(run.err()).contains("Submitted KUBERNETES job spark:spark-pi-", "SUCCEEDED KUBERNETES spark/spark-pi-",
                "exitCode=0");
    }

    @Test
    void submitTakesEverythingFromAYamlOptionsFileInAnyOrder(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("pi.yaml"), String.join("\n",
                "args: [100, 200]",
                "namespace: spark",
                "name: from-yaml",
                "image: " + DemoCommand.IMAGE,
                "class: org.apache.spark.examples.SparkPi",
                "conf: {spark.executor.instances: '3'}",
                "label: {team: data}",
                "primary-resource: " + DemoCommand.EXAMPLES,
                "retention: KEEP",
                "output: json", ""));

        CliRun run = cli("submit", "--options-file", yaml.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"driverPod\" : \"from-yaml-");
        var pod = sandbox.kubernetesSandbox().client().pods().inNamespace("spark").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith("from-yaml-")).findFirst().orElseThrow();
        assertThat(pod.getMetadata().getLabels()).containsEntry("team", "data");
        assertThat(pod.getSpec().getContainers().get(0).getArgs()).endsWith(DemoCommand.EXAMPLES, "100", "200");
    }

    @Test
    void failedDriverExitsOneWithItsExitCodeAndLastLines() {
        CliRun run = cli(submit("boom"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(run.err()).contains("FAILED KUBERNETES", "exitCode=2", "boom");
    }

    @Test
    void badInputExitsTwoNamingTheOptionAndCreatesNothing() {
        int podsBefore = pods();

        CliRun run = cli(submit("bad-input", "--driver-memory", "2 GB",
                "--conf", "spark.hadoop.fs.s3a.secret.key=NOT-FOR-YOUR-EYES"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--driver-memory", "'2 GB' is not a Spark size", "Nothing was submitted");
        assertThat(run.out() + run.err()).doesNotContain("NOT-FOR-YOUR-EYES");
        assertThat(pods()).isEqualTo(podsBefore);
    }

    @Test
    void noWaitThenStatusLogsAndCancelByReference() {
        CliRun submitted = cli(submit("slow", "--no-wait"));
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String ref = submitted.out().trim();
        assertThat(ref).startsWith("soe1.k8s.");

        CliRun status = cli("status", ref);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).containsPattern("(SUBMITTED|PENDING|RUNNING) KUBERNETES spark/slow-");

        CliRun logs = cli("logs", ref);
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("progress 1\n", "progress 40\n");
        assertThat(logs.out().lines().filter(l -> l.startsWith("progress ")).count()).isEqualTo(40);

        CliRun json = cli("status", ref, "--output", "json");
        assertThat(json.out()).contains("\"state\" : \"SUCCEEDED\"");

        CliRun cancel = cli("cancel", ref);
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
    }

    @Test
    void cancelByReferenceStopsARunningDriver() {
        sandbox.kubernetesSandbox().scripts().forAppName("endless",
                DriverScript.succeeding(List.of("tick")).withPending(Duration.ofMinutes(10)));
        String ref = cli(submit("endless", "--no-wait")).out().trim();

        CliRun cancel = cli("cancel", ref, "--grace-period", "1s");

        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(cancel.out()).contains("CANCELLED");
        CliRun status = cli("status", ref);
        assertThat(status.exitCode()).as("cancelling or gone, never a failure").isIn(ExitCodes.CANCELLED, ExitCodes.OUTCOME_UNKNOWN);
    }

    @Test
    void statusOfASucceededDriverRemovedByRetentionReportsItsRecordedOutcome() {
        CliRun run = cli(submit("kept-quiet", "--retention", "DELETE", "--output", "json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String ref = run.out().replaceAll("(?s).*\"reference\" : \"([^\"]+)\".*", "$1");
        assertThat(ref).startsWith("soe1.k8s.");

        CliRun status = cli("status", ref);

        // the submission record outlives the pod: the verdict the step gave, never a failure or a guess
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).startsWith("SUCCEEDED KUBERNETES spark/kept-quiet-").contains("reason=Completed")
                .doesNotContain("DriverPodDeleted", "DriverPodGone");

        // status as JSON and logs (which follows the job again) tell the same
        CliRun json = cli("status", "--output", "json", ref);
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"state\" : \"SUCCEEDED\"", "\"reason\" : \"Completed\"", "Outcome recorded");
        CliRun logs = cli("logs", "--output", "json", ref);
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("\"state\" : \"SUCCEEDED\"").doesNotContain("DriverPodDeleted", "DriverPodGone");
    }

    @Test
    void ctrlCDeletesTheDriverPodAndExitsFour() {
        sandbox.kubernetesSandbox().scripts().forAppName("interrupted",
                DriverScript.succeeding(List.of("tick")).withPending(Duration.ofMinutes(10)));
        ManualInterrupts ctrlC = new ManualInterrupts();

        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.run(() -> new SharedSandbox(sandbox, false), ctrlC,
                submit("interrupted", "--cancel-grace-period", "1s")));
        await().atMost(Duration.ofSeconds(30)).until(ctrlC::armed);
        ctrlC.press();

        CliRun done = run.join();
        assertThat(done.exitCode()).as(done.err()).isEqualTo(ExitCodes.CANCELLED);
        assertThat(sandbox.kubernetesSandbox().client().pods().inNamespace("spark").list().getItems())
                .noneMatch(p -> p.getMetadata().getName().startsWith("interrupted-"));
    }

    @Test
    void jsonOutputIsTheResultMapWithTheReference() throws Exception {
        CliRun run = cli(submit("spark-pi-json", "--output", "json"));

        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(doc.get("backend").asText()).isEqualTo("KUBERNETES");
        assertThat(doc.get("success").asBoolean()).isTrue();
        assertThat(doc.get("exitCode").asInt()).isZero();
        assertThat(doc.get("reference").asText()).startsWith("soe1.k8s.");
        assertThat(run.err()).contains("Pi is roughly");
    }

    @Test
    void theStallGracePeriodIsAnOptionOfSubmitAndABadValueIsRefusedBeforeAnythingIsSent() {
        CliRun ok = cli(submit("stall-option", "--stall-grace-period", "90s"));
        assertThat(ok.exitCode()).as(ok.err()).isZero();

        CliRun bad = cli(submit("stall-option-bad", "--stall-grace-period", "soon"));
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--stall-grace-period");
    }

    @Test
    void aWrongImageTimesOutOnTheStartTimeoutAndExitsThree() {
        CliRun run = cli("submit", "--namespace", "spark", "--name", "wrong-image",
                "--image", "example.invalid/does-not-exist:1", "--class", "x.Y", "--start-timeout", "3s",
                DemoCommand.EXAMPLES);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TIMED_OUT);
        assertThat(run.err()).contains("ImagePullBackOff");
    }

    @Test
    void emrRunAgainstTheEmulatorSucceedsAndFails() {
        String[] base = {"emr-run", "--region", "us-east-1", "--virtual-cluster-id", SandboxEngines.VIRTUAL_CLUSTER_ID,
            "--execution-role-arn", "arn:aws:iam::111122223333:role/job", "--release-label", "emr-7.5.0-latest",
            "--entry-point", DemoCommand.EXAMPLES, "--log-group", SandboxEngines.LOG_GROUP, "--timeout", "45s"};

        CliRun ok = cli(concat(base, "--name", "pi-ok"));
        CliRun failed = cli(concat(base, "--name", "pi-fail"));

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Pi is roughly 3.1415926535");
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(failed.err()).contains("USER_ERROR");
    }

    @Test
    void emrRunWithItsDriverLogInS3OnlyPrintsTheLog() {
        CliRun ok = cli("emr-run", "--region", "us-east-1", "--virtual-cluster-id", SandboxEngines.VIRTUAL_CLUSTER_ID,
                "--execution-role-arn", "arn:aws:iam::111122223333:role/job", "--release-label", "emr-7.5.0-latest",
                "--entry-point", DemoCommand.EXAMPLES, "--log-uri", "s3://sandbox-logs/emr/", "--timeout", "45s",
                "--name", "pi-s3");

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).as(ok.err()).contains("Pi is roughly 3.1415926535");
    }

    @Test
    void emrRunSendsTheSpark4LabelAndManagedLogsAndRefusesAGarbageLabelNamingTheOption() {
        String[] base = {"emr-run", "--region", "us-east-1", "--virtual-cluster-id", SandboxEngines.VIRTUAL_CLUSTER_ID,
            "--execution-role-arn", "arn:aws:iam::111122223333:role/job", "--entry-point", DemoCommand.EXAMPLES,
            "--log-group", SandboxEngines.LOG_GROUP, "--timeout", "45s"};
        int before = sandbox.awsEmulator().jobRuns().size();

        CliRun ok = cli(concat(base, "--name", "pi-spark4", "--release-label", "emr-spark-8.0.0-latest",
                "--no-allow-aws-to-retain-logs"));
        CliRun garbage = cli(concat(base, "--name", "pi-garbage", "--release-label", "emr-8.0-spark"));

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        var sent = sandbox.awsEmulator().jobRuns().get(before).request();
        assertThat(sent.releaseLabel()).isEqualTo("emr-spark-8.0.0-latest");
        assertThat(sent.body()).contains("\"managedLogs\":{\"allowAWSToRetainLogs\":\"DISABLED\"}");
        assertThat(garbage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(garbage.err()).contains("--release-label", "is not an EMR on EKS release label", "emr-spark-8.0.0-20260421");
        assertThat(sandbox.awsEmulator().jobRuns()).hasSize(before + 1);
    }

    @Test
    void demoRunsBothFlowsAndPrintsTheResultMaps() {
        CliRun run = CliRun.run(ClusterEngines::new, "demo", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // stdout is one JSON document, an array of both result maps, each with its reference
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(run.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("stdout is not one JSON document: " + run.out(), e);
        }
        assertThat(doc.isArray()).as(run.out()).isTrue();
        assertThat(doc).extracting(r -> r.get("backend").asText()).containsExactly("KUBERNETES", "EMR_ON_EKS");
        assertThat(doc).allSatisfy(r -> assertThat(r.get("reference").asText()).startsWith("soe1."));
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static int pods() {
        return sandbox.kubernetesSandbox().client().pods().inAnyNamespace()
                .withLabel(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE).list().getItems().size();
    }
}
