package io.jenkins.plugins.sparkeks.sandbox;

import static io.jenkins.plugins.sparkeks.sandbox.EmrClusterAccessRig.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast variant of {@link RealSparkEmrInsightTest}: the EMR run's driver pod plays a script, and a stand-in Spark
 * UI ({@link ScriptedSparkUi}) answers behind that pod's proxy path, so insight with cluster access shows progress
 * and counts within seconds.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ScriptedEmrInsightTest {

    private EmrClusterAccessRig rig;
    private ScriptedSparkUi ui;

    @BeforeEach
    void start() throws Exception {
        rig = new EmrClusterAccessRig(KubernetesSandbox.start());
        ui = new ScriptedSparkUi(1200);
    }

    @AfterEach
    void stop() {
        ui.close();
        rig.close();
    }

    @Test
    void anEmrRunWithClusterAccessShowsProgressFromItsDriverPodsUi() throws Exception {
        DriverScript script = DriverScript.succeeding(List.of("starting", "job 0", "job 1", "Pi is roughly 3.14", "done",
                "stopping")).withLineInterval(Duration.ofMillis(1000));
        rig.sandbox.scripts().when(pod -> servesUi(pod), script);
        Console console = new Console();

        JobResult result = rig.run(EmrClusterAccessRig.request("emr-scripted", "org.apache.spark.examples.SparkPi", "")
                .build(), console);

        assertThat(result.state()).as(console.text()).isEqualTo(JobState.SUCCEEDED);
        assertThat(console.progress).as(console.text())
                .contains("Spark: jobs 1 done, 1 running, 0 failed · stage 1 (count at Scripted.java:11) 2/4 tasks"
                        + " · executors 1 alive");
        assertThat(console.text()).as("the pod's log reached the console through CloudWatch")
                .contains("[log] Pi is roughly 3.14").doesNotContain("Spark insight unavailable", "no access to its EKS cluster");
        EmrJobRunReference ref = (EmrJobRunReference) console.reference;
        assertThat(ui.appIdsAsked()).containsOnly("spark-" + ref.jobRunId());
        assertThat(result.toMap()).extractingByKey("spark").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("jobs", Map.of("succeeded", 2, "running", 0, "failed", 0))
                .containsEntry("stages", Map.of("completed", 2, "active", 0, "failed", 0, "skipped", 0))
                .containsEntry("historyUrl", "https://us-east-1.console.aws.amazon.com/emr/home?region=us-east-1"
                        + "#/virtual-clusters/" + EmrClusterAccessRig.VC + "/job-runs/" + ref.jobRunId());
    }

    /** Every EMR driver pod plays the script; its UI port is the stand-in's, from the moment the kubelet sees it. */
    private boolean servesUi(Pod pod) {
        if (!"driver".equals(pod.getMetadata().getLabels().get(EmrDriverPod.COMPONENT_LABEL))) {
            return false;
        }
        ui.appId(pod.getMetadata().getLabels().get("spark-app-selector"));
        rig.sandbox.endpoints().listen(NS, pod.getMetadata().getName(), 4040, ui.port());
        return true;
    }
}
