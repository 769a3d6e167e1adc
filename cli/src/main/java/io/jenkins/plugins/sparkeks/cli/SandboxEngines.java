package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.emr.AckEmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery;
import io.jenkins.plugins.sparkeks.core.insight.EventLogReader;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.emr.EmrEksCluster;
import io.jenkins.plugins.sparkeks.core.insight.EmrClusterWiring;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.insight.LocalEventLogs;
import io.jenkins.plugins.sparkeks.core.insight.S3EventLogs;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SubmissionMode;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.ScriptRule;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import io.jenkins.plugins.sparkeks.sandbox.DriverScripts;
import io.jenkins.plugins.sparkeks.sandbox.SandboxAws;
import io.jenkins.plugins.sparkeks.sandbox.KubernetesSandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The engines wired to a sandbox on loopback instead of a cluster and AWS: the Kubernetes sandbox (mock API
 * server with simulated drivers) and the AWS emulator in real time. Used by {@code demo} and the tests.
 * Whatever the flags say, every call goes to the sandbox.
 */
final class SandboxEngines implements Engines {

    static final String VIRTUAL_CLUSTER_ID = "demo0vc0000001";
    static final String VIRTUAL_CLUSTER_NAME = "demo";
    static final String LOG_GROUP = "/emr-on-eks/demo";


    private final KubernetesSandbox kubernetes;
    private final AwsEmulator aws;
    // the sandbox has no ACK controller: a submit nobody answers gives up soon rather than after production's 5 minutes
    private final java.time.Duration ackIdTimeout = java.time.Duration.ofSeconds(10);
    private final AwsClientFactory clients = new AwsClientFactory();
    private final EmrWatchMachinery emrMachinery = EmrWatchMachinery.create(SandboxAws.DEMO_POLLING);
    private final KubernetesEngine kubernetesEngine;

    SandboxEngines(DriverScripts drivers, ScriptRule jobRuns) {
        kubernetes = KubernetesSandbox.start(drivers);
        aws = AwsEmulator.builder().clock(Clock.systemUTC()).logStreamLag(Duration.ofMillis(500))
                .defaultScripts(jobRuns).start();
        aws.virtualCluster(VirtualCluster.running(VIRTUAL_CLUSTER_ID, VIRTUAL_CLUSTER_NAME, "demo-eks", "spark-demo"));
        aws.logGroup(LOG_GROUP);
        kubernetesEngine = new KubernetesEngine(kubernetes.client(), kubernetes.coordinates());
    }

    /** The sandbox the demo documents: Spark Pi everywhere, or failing drivers and runs. */
    static SandboxEngines start() {
        return new SandboxEngines(new DriverScripts(), ScriptRule.byName());
    }

    KubernetesSandbox kubernetesSandbox() {
        return kubernetes;
    }

    AwsEmulator awsEmulator() {
        return aws;
    }

    @Override
    public SparkJobBackend<SparkSubmitRequest> kubernetes(KubernetesFlags cluster) {
        return kubernetesEngine.backend();
    }

    @Override
    public SparkJobBackend<SparkSubmitRequest> operator(KubernetesFlags cluster, SubmissionMode mode) {
        throw new InvalidJobSpecException(List.of(new FieldError("mode", "'" + mode.value() + "': the sandbox has no Spark"
                + " operator.", "Use --mode submit here; operator modes need a cluster with an operator installed.")));
    }

    @Override
    public SparkJobBackend<EmrJobRequest> emr(AwsFlags flags) {
        return EmrBackend.create(clients, settings(), emrMachinery);
    }

    @Override
    public SparkJobBackend<?> forReference(JobReference reference, KubernetesFlags access) {
        return switch (reference.backend()) {
            case KUBERNETES -> kubernetesEngine.backend();
            case EMR_ON_EKS -> emr(access.aws);
            case SPARK_OPERATOR -> throw new IllegalArgumentException("the sandbox has no Spark operator");
        };
    }

    @Override
    public InsightWiring insight(SparkJobBackend<?> backend) {
        if (backend == kubernetesEngine.backend()) {
            return kubernetesEngine.insight();
        }
        return InsightWiring.of(null, null, new InsightMachinery(emrMachinery.scheduler()),
                new EventLogReader(List.of(new S3EventLogs(clients.s3(settings())), new LocalEventLogs())));
    }

    /** The emulated virtual cluster's EKS cluster is the Kubernetes sandbox. */
    @Override
    public InsightWiring emrClusterInsight(SparkJobBackend<EmrJobRequest> backend, EmrJobRequest request) {
        return EmrClusterWiring.wire(insight(backend), true,
                () -> EmrEksCluster.nameOf(clients.emrContainers(settings()), request),
                name -> new ClusterConnection(kubernetes.client(), kubernetes.coordinates(), null));
    }

    /**
     * The JobRun goes to the Kubernetes sandbox, the emulated virtual cluster's EKS cluster; the sandbox runs no ACK
     * controller, so without one playing it (as the tests do) the submit waits and then says the controller is missing.
     */
    @Override
    public SparkJobBackend<EmrJobRequest> emrThroughAck(SparkJobBackend<EmrJobRequest> api, EmrJobRequest request) {
        return new AckEmrBackend(kubernetes.client(), (EmrBackend) api, ackIdTimeout, emrMachinery.scheduler());
    }

    /** Settings for clients of the emulated AWS, as the sandbox's own backends use. */
    AwsSettings awsSettings() {
        return settings();
    }

    private AwsSettings settings() {
        return SandboxAws.settings(aws);
    }

    @Override
    public void close() {
        kubernetesEngine.close();
        emrMachinery.close();
        clients.close();
        aws.close();
        kubernetes.close();
    }
}
