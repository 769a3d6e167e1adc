package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.emr.AckEmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.emr.EmrPollSettings;
import io.jenkins.plugins.sparkeks.core.emr.EmrWatchMachinery;
import io.jenkins.plugins.sparkeks.core.insight.EventLogReader;
import io.jenkins.plugins.sparkeks.core.insight.InsightMachinery;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.insight.LocalEventLogs;
import io.jenkins.plugins.sparkeks.core.insight.S3EventLogs;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import java.util.List;
import io.jenkins.plugins.sparkeks.core.emr.EmrEksCluster;
import io.jenkins.plugins.sparkeks.core.insight.EmrClusterWiring;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnector;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SubmissionMode;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;

/** The engines for real clusters and AWS, made on first use and closed with the command. */
final class ClusterEngines implements Engines {

    private final AwsClientFactory aws = new AwsClientFactory();
    private final ClusterConnector connector = new ClusterConnector(aws);
    private EmrWatchMachinery emrMachinery;
    private KubernetesEngine kubernetes;
    private String kubernetesNamespace;
    private AwsSettings emrSettings;

    @Override
    public SparkJobBackend<SparkSubmitRequest> kubernetes(KubernetesFlags cluster) {
        return kubernetes(cluster, null);
    }

    private synchronized SparkJobBackend<SparkSubmitRequest> kubernetes(KubernetesFlags flags, ClusterCoordinates ref) {
        if (kubernetes == null) {
            ClusterConnection connection = connector.connect(flags.toAccess(ref));
            kubernetes = new KubernetesEngine(connection.client(), connection.coordinates());
            kubernetesNamespace = connection.defaultNamespace();
        }
        return kubernetes.backend();
    }

    @Override
    public synchronized SparkJobBackend<SparkSubmitRequest> operator(KubernetesFlags cluster, SubmissionMode mode) {
        kubernetes(cluster, null);
        return kubernetes.operator(mode);
    }

    @Override
    public synchronized String kubernetesNamespace(KubernetesFlags cluster) {
        kubernetes(cluster, null);
        return kubernetesNamespace != null ? kubernetesNamespace : SparkSubmitRequest.DEFAULT_NAMESPACE;
    }

    @Override
    public SparkJobBackend<EmrJobRequest> emr(AwsFlags flags) {
        return emr(flags, null);
    }

    private synchronized EmrBackend emr(AwsFlags flags, String region) {
        if (emrMachinery == null) {
            emrMachinery = EmrWatchMachinery.create(EmrPollSettings.DEFAULT);
        }
        emrSettings = flags.toSettings(region);
        return EmrBackend.create(aws, emrSettings, emrMachinery);
    }

    @Override
    public synchronized InsightWiring insight(SparkJobBackend<?> backend) {
        // the driver pod and both operator modes reach their driver through the same cluster connection
        if (kubernetes != null && !(backend instanceof EmrBackend) && !(backend instanceof AckEmrBackend)) {
            return kubernetes.insight();
        }
        // EMR on EKS: no cluster access from here, but an event log in S3 can still be read with the run's credentials
        EventLogReader logs = new EventLogReader(emrSettings == null ? List.of(new LocalEventLogs())
                : List.of(new S3EventLogs(aws.s3(emrSettings)), new LocalEventLogs()));
        return InsightWiring.of(null, null, new InsightMachinery(emrMachinery.scheduler()), logs);
    }

    /** Through the shared connector, with the EMR run's own AWS identity and region. */
    @Override
    public synchronized InsightWiring emrClusterInsight(SparkJobBackend<EmrJobRequest> backend, EmrJobRequest request) {
        AwsSettings settings = emrSettings;
        return EmrClusterWiring.wire(insight(backend), true,
                () -> EmrEksCluster.nameOf(aws.emrContainers(settings), request),
                name -> connector.connect(new ClusterAccess.Eks(settings, name)));
    }

    /** The JobRun goes to the virtual cluster's EKS cluster, reached as for insight: the shared connector, the run's identity. */
    @Override
    public synchronized SparkJobBackend<EmrJobRequest> emrThroughAck(
            SparkJobBackend<EmrJobRequest> api, EmrJobRequest request) {
        AwsSettings settings = emrSettings;
        String name = null;
        try {
            name = EmrEksCluster.nameOf(aws.emrContainers(settings), request);
            return new AckEmrBackend(connector.connect(new ClusterAccess.Eks(settings, name)).client(), (EmrBackend) api);
        } catch (RuntimeException e) {
            // nothing was created yet: say which cluster ACK mode needed and why it was not reached
            throw new JobException("--submit-through ack creates the JobRun in the virtual cluster's EKS cluster"
                    + (name == null ? "" : " " + name) + ", which could not be " + (name == null ? "found" : "connected")
                    + ": " + e.getMessage() + ". Grant this AWS identity an EKS access entry and eks:DescribeCluster"
                    + " (see the setup guide), or use --submit-through api.");
        }
    }

    @Override
    public SparkJobBackend<?> forReference(JobReference reference, KubernetesFlags access) {
        if (reference instanceof DriverPodReference pod) {
            return kubernetes(access, pod.cluster());
        }
        if (reference instanceof SparkApplicationReference app) {
            kubernetes(access, app.cluster());
            // the reference names its operator's API; the mode matters only when submitting
            return kubernetes.operator(SubmissionMode.OPERATOR);
        }
        if (reference instanceof EmrJobRunReference run) {
            return emr(access.aws, run.region());
        }
        throw new IllegalArgumentException(reference.backend() + " references are not supported by the command line");
    }

    @Override
    public synchronized void close() {
        if (kubernetes != null) {
            kubernetes.close();
        }
        if (emrMachinery != null) {
            emrMachinery.close();
        }
        connector.close();
        aws.close();
    }
}
