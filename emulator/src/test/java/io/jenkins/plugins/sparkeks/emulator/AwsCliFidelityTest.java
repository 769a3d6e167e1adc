package io.jenkins.plugins.sparkeks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's answers checked by the real AWS CLI (botocore), an implementation independent of the Java SDK: the
 * CLI parses every answer with the service model, so a wrong field type, timestamp format or error shape fails here.
 * Skipped when {@code aws} is not on PATH (CI installs Debian's awscli).
 */
class AwsCliFidelityTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/emr-job";
    private static AwsEmulator aws;
    private static AwsCli cli;

    @BeforeAll
    static void start(@TempDir Path scratch) throws Exception {
        Path executable = AwsCli.find().orElse(null);
        assumeTrue(executable != null,
                "AWS CLI ('aws') is not on PATH: skipping the CLI fidelity check (install awscli to run it)");
        aws = AwsEmulator.start()
                .virtualCluster(VirtualCluster.running("vc1", "analytics", "eks-prod", "spark"))
                .eksCluster(EksCluster.active("eks-prod", "https://127.0.0.1:6443", "-----BEGIN CERTIFICATE-----\n"))
                .logStreamLag(Duration.ofSeconds(2))
                .script("pi", JobScript.builder().pending(Duration.ofSeconds(1)).submitted(Duration.ofSeconds(1))
                        .running(Duration.ofSeconds(60)).stdout("Pi is roughly 3.14", "done")
                        .stderr("INFO SparkContext: Running Spark").build());
        cli = AwsCli.against(aws, executable, scratch);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    @Test
    void emrJobRunLifecycleAndDriverLogsReadBackThroughTheCli() throws Exception {
        AwsCli.Result started = cli.run("emr-containers", "start-job-run", "--virtual-cluster-id", "vc1",
                "--name", "pi", "--client-token", "cli-1", "--execution-role-arn", ROLE,
                "--release-label", "emr-7.2.0-latest",
                "--job-driver", "{\"sparkSubmitJobDriver\":{\"entryPoint\":\"s3://bucket/pi.py\","
                        + "\"entryPointArguments\":[\"100\"],\"sparkSubmitParameters\":\"--conf spark.executor.instances=2\"}}",
                "--configuration-overrides", "{\"monitoringConfiguration\":{\"cloudWatchMonitoringConfiguration\":"
                        + "{\"logGroupName\":\"/emr/jobs\",\"logStreamNamePrefix\":\"pi\"},"
                        + "\"s3MonitoringConfiguration\":{\"logUri\":\"s3://logs/emr/\"}}}");
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        String id = started.json().path("id").asText();
        assertThat(id).matches("[0-9a-z]{19}");
        assertThat(started.json().path("virtualClusterId").asText()).isEqualTo("vc1");

        AwsCli.Result described = cli.run("emr-containers", "describe-job-run", "--virtual-cluster-id", "vc1",
                "--id", id);
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        JsonNode run = described.json().path("jobRun");
        assertThat(run.path("state").asText()).isEqualTo("PENDING");
        assertThat(instant(run.path("createdAt"))).isEqualTo(AwsEmulator.DEFAULT_START);
        assertThat(run.path("jobDriver").path("sparkSubmitJobDriver").path("entryPointArguments").get(0).asText())
                .isEqualTo("100");

        aws.advance(Duration.ofSeconds(45));   // RUNNING since 2 s, lines at 22 s and 42 s, streams since 4 s
        AwsCli.Result listed = cli.run("emr-containers", "list-job-runs", "--virtual-cluster-id", "vc1",
                "--states", "RUNNING", "SUBMITTED");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.json().path("jobRuns").get(0).path("id").asText()).isEqualTo(id);
        assertThat(listed.json().path("jobRuns").get(0).path("state").asText()).isEqualTo("RUNNING");

        String stream = "pi/vc1/jobs/" + id + "/containers/spark-" + id + "/spark-" + id + "-driver/stdout";
        AwsCli.Result events = cli.run("logs", "get-log-events", "--log-group-name", "/emr/jobs",
                "--log-stream-name", stream, "--start-from-head");
        assertThat(events.exitCode()).as(events.stderr()).isZero();
        assertThat(messages(events.json().path("events"))).containsExactly("Pi is roughly 3.14", "done");
        assertThat(events.json().path("nextForwardToken").asText()).startsWith("f/");

        AwsCli.Result filtered = cli.run("logs", "filter-log-events", "--log-group-name", "/emr/jobs",
                "--log-stream-name-prefix", "pi/vc1/jobs/" + id + "/containers/spark-" + id + "/");
        assertThat(filtered.exitCode()).as(filtered.stderr()).isZero();
        JsonNode all = filtered.json().path("events");
        // stdout lines at 22 s and 42 s, the stderr line at 32 s: one time-ordered sequence across both streams
        assertThat(messages(all)).containsExactly("Pi is roughly 3.14", "INFO SparkContext: Running Spark", "done");
        assertThat(all.get(1).path("logStreamName").asText()).endsWith("-driver/stderr");
        assertThat(all.get(0).path("eventId").asText()).isNotBlank();
        // as the driver log poller asks: a batch of stream names from a time cursor (startTime is inclusive)
        String driverDir = "pi/vc1/jobs/" + id + "/containers/spark-" + id + "/spark-" + id + "-driver/";
        AwsCli.Result batch = cli.run("logs", "filter-log-events", "--log-group-name", "/emr/jobs",
                "--log-stream-names", driverDir + "stdout", driverDir + "stderr", "--start-time",
                all.get(1).path("timestamp").asText());
        assertThat(batch.exitCode()).as(batch.stderr()).isZero();
        assertThat(messages(batch.json().path("events"))).containsExactly("INFO SparkContext: Running Spark", "done");

        AwsCli.Result cancelled = cli.run("emr-containers", "cancel-job-run", "--virtual-cluster-id", "vc1",
                "--id", id);
        assertThat(cancelled.exitCode()).as(cancelled.stderr()).isZero();
        assertThat(cancelled.json().path("id").asText()).isEqualTo(id);

        aws.advance(Duration.ofMinutes(1));
        AwsCli.Result again = cli.run("emr-containers", "cancel-job-run", "--virtual-cluster-id", "vc1",
                "--id", id);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("ValidationException").contains("not in a cancellable state");

        AwsCli.Result objects = cli.run("s3api", "list-objects-v2", "--bucket", "logs", "--prefix", "emr/vc1/jobs/" + id);
        assertThat(objects.exitCode()).as(objects.stderr()).isZero();
        List<String> keys = new ArrayList<>();
        objects.json().path("Contents").forEach(o -> keys.add(o.path("Key").asText()));
        String driver = "emr/vc1/jobs/" + id + "/containers/spark-" + id + "/spark-" + id + "-driver/";
        assertThat(keys).containsExactly(driver + "stderr.gz", driver + "stdout.gz");
    }

    /**
     * What this CLI's model (botocore) knows of the 2025-26 additions: managedLogs in StartJobRun (sent by the CLI,
     * echoed in DescribeJobRun) and the full-queue refusal as an error shape. schedulerConfiguration and
     * schedulerStatus are not in its model, so the CLI can neither send nor check them.
     */
    @Test
    void managedLogsAndTheFullQueueRefusalReadBackThroughTheCli() throws Exception {
        aws.virtualCluster(VirtualCluster.running("vcq", "queued", "eks-queued", "spark-q").withScheduler(null, 1));
        String driver = "{\"sparkSubmitJobDriver\":{\"entryPoint\":\"s3://bucket/pi.py\"}}";
        String overrides = "{\"monitoringConfiguration\":{\"managedLogs\":{\"allowAWSToRetainLogs\":\"DISABLED\","
                + "\"encryptionKeyArn\":\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}}}";
        AwsCli.Result started = cli.run("emr-containers", "start-job-run", "--virtual-cluster-id", "vcq",
                "--name", "first", "--client-token", "cli-q1", "--execution-role-arn", ROLE,
                "--release-label", "emr-spark-8.0.0-20260421", "--job-driver", driver,
                "--configuration-overrides", overrides);
        assertThat(started.exitCode()).as(started.stderr()).isZero();

        AwsCli.Result described = cli.run("emr-containers", "describe-job-run", "--virtual-cluster-id", "vcq",
                "--id", started.json().path("id").asText());
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        JsonNode managed = described.json().path("jobRun").path("configurationOverrides")
                .path("monitoringConfiguration").path("managedLogs");
        assertThat(managed.path("allowAWSToRetainLogs").asText()).isEqualTo("DISABLED");
        assertThat(managed.path("encryptionKeyArn").asText()).endsWith(":key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(described.json().path("jobRun").path("releaseLabel").asText()).isEqualTo("emr-spark-8.0.0-20260421");

        AwsCli.Result refused = cli.run("emr-containers", "start-job-run", "--virtual-cluster-id", "vcq",
                "--name", "second", "--client-token", "cli-q2", "--execution-role-arn", ROLE,
                "--release-label", "emr-7.12.0-latest", "--job-driver", driver);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("(ValidationException)").contains("StartJobRun")
                .contains("job run queue of virtual cluster vcq is full");
    }

    /**
     * StartJobRun documents no error for a reused client token, so a second request under the token returns the run
     * the first one started, whatever it asks for; the run keeps its own name and tags (which is how a caller tells
     * that the token was used for another job).
     */
    @Test
    void aReusedClientTokenWithOtherParametersReturnsTheFirstRunWithItsOwnTags() throws Exception {
        String driver = "{\"sparkSubmitJobDriver\":{\"entryPoint\":\"s3://bucket/pi.py\"}}";
        AwsCli.Result first = cli.run("emr-containers", "start-job-run", "--virtual-cluster-id", "vc1", "--name", "first",
                "--client-token", "reused-1", "--execution-role-arn", ROLE, "--release-label", "emr-7.2.0-latest",
                "--job-driver", driver, "--tags", "spark-on-eks/spec-fingerprint=aaaaaaaaaaaaaaaa");
        AwsCli.Result second = cli.run("emr-containers", "start-job-run", "--virtual-cluster-id", "vc1", "--name", "second",
                "--client-token", "reused-1", "--execution-role-arn", ROLE, "--release-label", "emr-7.2.0-latest",
                "--job-driver", driver, "--tags", "spark-on-eks/spec-fingerprint=bbbbbbbbbbbbbbbb");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        String id = first.json().path("id").asText();
        assertThat(second.json().path("id").asText()).isEqualTo(id);
        assertThat(second.json().path("name").asText()).isEqualTo("first");

        AwsCli.Result described = cli.run("emr-containers", "describe-job-run", "--virtual-cluster-id", "vc1", "--id", id);
        assertThat(described.exitCode()).as(described.stderr()).isZero();
        JsonNode run = described.json().path("jobRun");
        assertThat(run.path("clientToken").asText()).isEqualTo("reused-1");
        assertThat(run.path("tags").path("spark-on-eks/spec-fingerprint").asText()).isEqualTo("aaaaaaaaaaaaaaaa");
    }

    /**
     * The list the EMR poller sends to confirm many ended runs at once: the end states, a creation window from both
     * sides and small pages, through the CLI (which pages on its own by nextToken). Only the runs that ended and were
     * created within the window come back.
     */
    @Test
    void endedRunsWithinACreationWindowAreListedPageByPageThroughTheCli() throws Exception {
        aws.virtualCluster(VirtualCluster.running("vcw", "window", "eks-prod", "spark-w"));
        aws.script("w-ends", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofSeconds(1)).build());
        aws.script("w-stays", JobScript.builder().pending(Duration.ZERO).submitted(Duration.ZERO)
                .running(Duration.ofHours(1)).build());
        String before = startIn("vcw", "w-ends", "w1");
        aws.advance(Duration.ofSeconds(10));
        Instant windowStart = aws.clock().instant().minusSeconds(1);
        String inWindow1 = startIn("vcw", "w-ends", "w2");
        String inWindow2 = startIn("vcw", "w-ends", "w3");
        startIn("vcw", "w-stays", "w4");
        Instant windowEnd = aws.clock().instant().plusSeconds(1);
        aws.advance(Duration.ofSeconds(10));
        startIn("vcw", "w-ends", "w5");
        aws.advance(Duration.ofSeconds(5));
        int lists = aws.calls(Operation.LIST_JOB_RUNS);

        AwsCli.Result listed = cli.run("emr-containers", "list-job-runs", "--virtual-cluster-id", "vcw",
                "--states", "COMPLETED", "FAILED", "CANCELLED", "--created-after", windowStart.toString(),
                "--created-before", windowEnd.toString(), "--page-size", "1");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        List<String> ids = new java.util.ArrayList<>();
        listed.json().path("jobRuns").forEach(r -> {
            ids.add(r.path("id").asText());
            assertThat(r.path("state").asText()).isEqualTo("COMPLETED");
        });
        assertThat(ids).containsExactlyInAnyOrder(inWindow1, inWindow2).doesNotContain(before);
        assertThat(aws.calls(Operation.LIST_JOB_RUNS) - lists).as("one request per page of one").isGreaterThanOrEqualTo(2);
    }

    private String startIn(String virtualCluster, String name, String token) throws Exception {
        AwsCli.Result started = cli.run("emr-containers", "start-job-run", "--virtual-cluster-id", virtualCluster,
                "--name", name, "--client-token", token, "--execution-role-arn", ROLE, "--release-label",
                "emr-7.2.0-latest", "--job-driver", "{\"sparkSubmitJobDriver\":{\"entryPoint\":\"s3://bucket/pi.py\"}}");
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        return started.json().path("id").asText();
    }

    @Test
    void virtualClustersCallerIdentityAndEksClusterReadBackThroughTheCli() throws Exception {
        AwsCli.Result clusters = cli.run("emr-containers", "list-virtual-clusters", "--container-provider-id",
                "eks-prod", "--container-provider-type", "EKS");
        assertThat(clusters.exitCode()).as(clusters.stderr()).isZero();
        JsonNode vc = clusters.json().path("virtualClusters").get(0);
        assertThat(vc.path("id").asText()).isEqualTo("vc1");
        assertThat(vc.path("containerProvider").path("info").path("eksInfo").path("namespace").asText())
                .isEqualTo("spark");

        AwsCli.Result identity = cli.run("sts", "get-caller-identity");
        assertThat(identity.exitCode()).as(identity.stderr()).isZero();
        assertThat(identity.json().path("Account").asText()).isEqualTo("111122223333");
        assertThat(identity.json().path("Arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/emulator-user");

        AwsCli.Result cluster = cli.run("eks", "describe-cluster", "--name", "eks-prod");
        assertThat(cluster.exitCode()).as(cluster.stderr()).isZero();
        assertThat(cluster.json().path("cluster").path("endpoint").asText()).isEqualTo("https://127.0.0.1:6443");
        assertThat(cluster.json().path("cluster").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(instant(cluster.json().path("cluster").path("createdAt"))).isEqualTo(AwsEmulator.DEFAULT_START);
    }

    /** CLI v1 prints timestamps as received (EKS sends epoch seconds); v2 prints ISO-8601 by default. */
    private static Instant instant(JsonNode timestamp) {
        if (timestamp.isNumber()) {
            return Instant.ofEpochMilli(Math.round(timestamp.asDouble() * 1000));
        }
        return OffsetDateTime.parse(timestamp.asText()).toInstant();
    }

    private static List<String> messages(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.path("message").asText()));
        return out;
    }
}
