package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.sandbox.DriverScripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code emr-run --cluster-access}: insight reaches the virtual cluster's EKS cluster (the sandbox). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmrClusterAccessCommandTest {

    private static SandboxEngines sandbox;
    private static final List<InsightWiring> clusterWirings = new ArrayList<>();

    /** The sandbox with its insight, recording the cluster wirings handed out. */
    private static final class Shared extends SharedSandbox {
        Shared() {
            super(EmrClusterAccessCommandTest.sandbox, true);
        }

        @Override
        public InsightWiring emrClusterInsight(SparkJobBackend<EmrJobRequest> backend, EmrJobRequest request) {
            InsightWiring wiring = sandbox.emrClusterInsight(backend, request);
            clusterWirings.add(wiring);
            return wiring;
        }
    }

    @BeforeAll
    static void start() {
        sandbox = new SandboxEngines(new DriverScripts(), request -> JobScript.builder().pending(Duration.ofMillis(200))
                .submitted(Duration.ofMillis(200)).running(Duration.ofSeconds(1)).stdout("Pi is roughly 3.14").completes()
                .build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static CliRun emrRun(String... more) {
        List<String> args = new ArrayList<>(List.of("emr-run", "--region", "us-east-1", "--virtual-cluster-id",
                SandboxEngines.VIRTUAL_CLUSTER_ID, "--execution-role-arn", "arn:aws:iam::111122223333:role/job",
                "--release-label", "emr-7.5.0-latest", "--entry-point", DemoCommand.EXAMPLES, "--log-group",
                SandboxEngines.LOG_GROUP, "--timeout", "45s"));
        args.addAll(List.of(more));
        return CliRun.run(Shared::new, args.toArray(String[]::new));
    }

    @Test
    void withTheFlagInsightGetsTheEksClusterOfTheVirtualClusterAndNoLongerSaysItHasNoAccess() {
        clusterWirings.clear();

        CliRun run = emrRun("--name", "pi-access", "--cluster-access");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(clusterWirings).hasSize(1);
        assertThat(clusterWirings.get(0).client()).isSameAs(sandbox.kubernetesSandbox().client());
        assertThat(clusterWirings.get(0).noClientReason()).isNull();
        assertThat(run.err()).doesNotContain("without access to its EKS cluster");
    }

    @Test
    void withoutTheFlagNothingIsConnectedAndInsightSaysSoOnce() {
        clusterWirings.clear();

        CliRun run = emrRun("--name", "pi-plain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(clusterWirings).isEmpty();
        assertThat(run.err()).contains("Spark insight unavailable: this EMR on EKS job run is followed without access to its EKS cluster");
    }
}
