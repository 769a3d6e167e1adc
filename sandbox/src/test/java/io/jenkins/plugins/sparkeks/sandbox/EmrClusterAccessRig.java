package io.jenkins.plugins.sparkeks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrClusterAccess;
import io.jenkins.plugins.sparkeks.core.emr.EmrEksCluster;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery;
import io.jenkins.plugins.sparkeks.core.insight.EmrClusterWiring;
import io.jenkins.plugins.sparkeks.core.insight.EventLogReader;
import io.jenkins.plugins.sparkeks.core.insight.InsightBackend;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.insight.LocalEventLogs;
import io.jenkins.plugins.sparkeks.core.insight.SparkConfs;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * EMR on EKS with cluster access against the sandbox: the AWS emulator in real time whose virtual cluster's EKS
 * cluster is {@code sandbox}, and the core's EMR backend with insight wired as the command line's
 * {@code --cluster-access} wires it.
 */
final class EmrClusterAccessRig implements AutoCloseable {

    static final String EKS = "sandbox-eks";
    static final String VC = "emrsandbox01";
    static final String NS = "emr-insight";
    static final String EXAMPLES = "local:///usr/lib/spark/examples/jars/spark-examples.jar";
    private static final WaitOptions WAIT =
            new WaitOptions(Duration.ofMinutes(1), Duration.ofMinutes(2), true, Retention.KEEP, null);

    final KubernetesSandbox sandbox;
    final AwsEmulator aws;
    private final AwsClientFactory clients = new AwsClientFactory();
    private final EmrWatchMachinery machinery;

    EmrClusterAccessRig(KubernetesSandbox sandbox) {
        this.sandbox = sandbox;
        aws = AwsEmulator.builder().clock(Clock.systemUTC()).logStreamLag(Duration.ofMillis(300)).start()
                .virtualCluster(VirtualCluster.running(VC, "analytics", EKS, NS));
        sandbox.hostEmrDrivers(aws, EKS);
        // the demo's pace: a real driver's few hundred log lines need more than fast()'s 3 s to drain after the end
        machinery = EmrWatchMachinery.create(SandboxAws.DEMO_POLLING);
    }

    static EmrJobRequest.Builder request(String name, String mainClass, String sparkConf, String... args) {
        return EmrJobRequest.builder().name(name).virtualClusterId(VC)
                .executionRoleArn("arn:aws:iam::111122223333:role/emr-job").releaseLabel("emr-7.5.0-latest")
                .sparkSubmit(EXAMPLES, List.of(args), "--class " + mainClass + sparkConf)
                .cloudWatchLogs("/emr-on-eks/sandbox", "runs");
    }

    /** Submits and waits, printing what a console would show. */
    JobResult run(EmrJobRequest request, Console console) throws Exception {
        AwsSettings settings = settings();
        EmrBackend api = EmrBackend.create(clients, settings, machinery);
        InsightWiring withoutCluster = InsightWiring.of(null, null, new InsightMachinery(machinery.scheduler()),
                new EventLogReader(List.of(new LocalEventLogs())));
        InsightWiring wiring = EmrClusterWiring.wire(withoutCluster, true,
                () -> EmrEksCluster.nameOf(clients.emrContainers(settings), request),
                name -> {
                    assertThat(name).isEqualTo(EKS);
                    return new ClusterConnection(sandbox.client(), sandbox.coordinates(), null);
                });
        // as the step and the CLI wire it: the same connection sees the run's end on its driver pod
        SparkJobBackend<EmrJobRequest> emr = wiring.client() != null
                        && wiring.clusterKey() instanceof ClusterCoordinates cluster
                ? api.withClusterAccess(new EmrClusterAccess(wiring.client(), cluster))
                : api;
        SparkJobBackend<EmrJobRequest> backend = InsightBackend.wrap(emr,
                InsightOptions.DEFAULT.withPollInterval(Duration.ofSeconds(1)), wiring, SparkConfs::of);
        JobReference ref = backend.submit(request, new SubmissionKey("emr:" + UUID.randomUUID()), console, WAIT);
        console.reference = ref;
        JobResult result = backend.watch(ref, WAIT, console).result().get(120, TimeUnit.SECONDS);
        console.line("-- result: " + result.toMap());
        System.out.println(console.text());
        return result;
    }

    private AwsSettings settings() {
        return SandboxAws.settings(aws);
    }

    @Override
    public void close() {
        machinery.close();
        clients.close();
        sandbox.close();
        aws.close();
    }
}
