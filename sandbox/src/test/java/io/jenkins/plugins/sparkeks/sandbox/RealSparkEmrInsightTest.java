package io.jenkins.plugins.sparkeks.sandbox;

import static io.jenkins.plugins.sparkeks.sandbox.EmrClusterAccessRig.NS;
import static io.jenkins.plugins.sparkeks.sandbox.EmrClusterAccessRig.VC;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import io.jenkins.plugins.sparkeks.core.insight.SparkVerdict;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * EMR on EKS with cluster access, end to end against real Spark 3.5.6: the core's EMR backend submits to the AWS
 * emulator, whose virtual cluster's EKS cluster is the sandbox; the sandbox runs the job run's driver pod for real,
 * and insight, wired as {@code clusterAccess} wires it, reads that pod's Spark UI through the API server's
 * pod proxy while it runs and its event log after. Each test prints what a console would show.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RealSparkEmrInsightTest {

    private static EmrClusterAccessRig rig;

    @TempDir
    static Path eventLogs;

    @BeforeAll
    static void start() {
        rig = new EmrClusterAccessRig(KubernetesSandbox.startWithRealSpark(
                SparkRuntime.at(Path.of(System.getProperty("sandbox.sparkRuntime")))));
    }

    @AfterAll
    static void stop() {
        rig.close();
    }
    @Test
    void multiStageJobShowsProgressLinesAndItsCountsAndTheEmrSparkUiLink() throws Exception {
        Console console = new Console();
        // long enough to outlast insight's error backoff (up to 16 polls) while a slow machine starts the driver JVM
        EmrJobRequest request = request("emr-progress", "io.jenkins.plugins.sparkeks.sparkapps.SlowStages", "4", "1500");
        JobResult result = rig.run(request, console);

        assertThat(result.state()).as(console.text()).isEqualTo(JobState.SUCCEEDED);
        assertThat(console.progress).as(console.text()).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(line -> assertThat(line).matches("Spark: jobs \\d done, 1 running, 0 failed · stage .*"
                        + "\\d/4 tasks.*"));
        assertThat(console.text()).doesNotContain("Spark insight unavailable", "may be incomplete", "no access to its EKS cluster")
                .as("the real driver's own output, shipped to CloudWatch").contains("[log] job 4 of 4 summed");
        SparkInsight spark = result.spark();
        assertThat(spark.coverage()).as(console.text()).isEqualTo(SparkInsight.Coverage.COMPLETE);
        EmrJobRunReference ref = (EmrJobRunReference) console.reference;
        assertThat(spark.portForward()).isEqualTo("kubectl port-forward -n " + NS + " pod/spark-" + ref.jobRunId()
                + "-driver 4040:4040");
        assertThat(spark.historyUrl()).isEqualTo("https://us-east-1.console.aws.amazon.com/emr/home?region=us-east-1"
                + "#/virtual-clusters/" + VC + "/job-runs/" + ref.jobRunId());
        assertThat(result.toMap()).extractingByKey("spark").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("jobs", Map.of("succeeded", 4, "running", 0, "failed", 0))
                .containsEntry("stages", Map.of("completed", 8, "active", 0, "failed", 0, "skipped", 0))
                .containsEntry("historyUrl", spark.historyUrl());
        assertThat(rig.aws.jobRunState(ref.jobRunId())).contains("COMPLETED");
    }

    @Test
    void theEmrExampleSparkPiThatSwallowsNothingAndOneThatSwallowsAFailedJobAreJudgedBySpark() throws Exception {
        Console pi = new Console();
        JobResult piResult = rig.run(request("emr-pi", "org.apache.spark.examples.SparkPi", "4"), pi);
        assertThat(piResult.state()).as(pi.text()).isEqualTo(JobState.SUCCEEDED);
        assertThat(piResult.toMap()).extractingByKey("spark").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("jobs", Map.of("succeeded", 1, "running", 0, "failed", 0))
                .containsEntry("stages", Map.of("completed", 2, "active", 0, "failed", 0, "skipped", 0));

        Console swallow = new Console();
        JobResult swallowed = rig.run(request("emr-swallow", "io.jenkins.plugins.sparkeks.sparkapps.SwallowedJobFailure"),
                swallow);
        EmrJobRunReference ref = (EmrJobRunReference) swallow.reference;
        assertThat(rig.aws.jobRunState(ref.jobRunId())).as("the driver exited 0").contains("COMPLETED");
        assertThat(swallowed.state()).as(swallow.text()).isEqualTo(JobState.FAILED);
        assertThat(swallowed.reason()).isEqualTo(SparkVerdict.SPARK_JOB_FAILED);
        assertThat(String.join("\n", swallowed.explanation()) + swallowed.message())
                .contains("sandbox task failed on purpose");
    }

    private static EmrJobRequest request(String name, String mainClass, String... args) {
        // the event log lets insight count what happened after its last live read
        return EmrClusterAccessRig.request(name, mainClass, " --conf spark.eventLog.enabled=true"
                + " --conf spark.eventLog.dir=" + eventLogs.toUri(), args).build();
    }
}
