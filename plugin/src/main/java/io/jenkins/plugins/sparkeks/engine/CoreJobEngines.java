package io.jenkins.plugins.sparkeks.engine;

import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.emr.AckEmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrBackend;
import io.jenkins.plugins.sparkeks.core.emr.EmrClusterAccess;
import io.jenkins.plugins.sparkeks.core.emr.EmrEksCluster;
import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.insight.EmrClusterWiring;
import io.jenkins.plugins.sparkeks.core.insight.EventLogReader;
import io.jenkins.plugins.sparkeks.core.insight.EventLogStore;
import io.jenkins.plugins.sparkeks.core.insight.InsightBackend;
import io.jenkins.plugins.sparkeks.core.insight.InsightWiring;
import io.jenkins.plugins.sparkeks.core.insight.S3EventLogs;
import io.jenkins.plugins.sparkeks.core.insight.SparkConfs;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.KubernetesBackend;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterAccess;
import io.jenkins.plugins.sparkeks.core.k8s.connect.ClusterConnection;
import io.jenkins.plugins.sparkeks.core.k8s.operator.SparkOperatorBackend;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.credentials.AwsAccessResolver;
import io.jenkins.plugins.sparkeks.credentials.ClusterAccessResolver;
import io.jenkins.plugins.sparkeks.job.EmrJobDefinition;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.SparkSubmitDefinition;
import io.jenkins.plugins.sparkeks.secrets.ClearTextWarnings;
import io.jenkins.plugins.sparkeks.secrets.ResolvedSecrets;
import io.jenkins.plugins.sparkeks.secrets.SecretResolver;
import io.jenkins.plugins.sparkeks.secrets.ValueMask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds {@link JobEngine}s on the core backends: the request from the definition, the credentials from
 * the build, the clients and watch machinery from the controller-wide {@link CoreServices}.
 */
public enum CoreJobEngines implements JobEngineFactory {
    INSTANCE;

    // One default chain for the controller: equal settings across builds then share clients and informers.
    private final AwsAccessResolver aws = new AwsAccessResolver();

    /**
     * Secret values are read first, so a missing credential stops the job before anything is sent anywhere; the
     * engine is then guarded so that none of them reaches the console, the result or an exception.
     */
    @Override
    public JobEngine create(JobDefinition definition, Run<?, ?> run) throws IOException {
        ResolvedSecrets secrets = SecretResolver.resolve(definition.secrets(), run);
        return new GuardedJobEngine(
                create(definition, secrets, run), ValueMask.of(secrets.values()), ClearTextWarnings.of(definition));
    }

    private JobEngine create(JobDefinition definition, ResolvedSecrets secrets, Run<?, ?> run) throws IOException {
        CoreServices.useProxy(ControllerProxy.read());
        if (definition instanceof SparkSubmitDefinition s) {
            ClusterConnection cluster =
                    CoreServices.clusters().connect(new ClusterAccessResolver(aws).access(s.target(), run));
            if (s.sparkOperator()) {
                SparkOperatorBackend operator = new SparkOperatorBackend(
                        cluster.client(),
                        cluster.coordinates(),
                        CoreServices.sparkApplicationInformers(),
                        CoreServices.kubernetesWatches(),
                        s.mode());
                return withInsight(
                        operator,
                        SparkSubmitRequests.from(s, secrets),
                        SparkSubmitRequest::conf,
                        s,
                        kubernetesInsight(cluster, s, run));
            }
            KubernetesBackend backend =
                    new KubernetesBackend(cluster.client(), cluster.coordinates(), CoreServices.kubernetesWatches());
            return withInsight(
                    backend,
                    SparkSubmitRequests.from(s, secrets),
                    SparkSubmitRequest::conf,
                    s,
                    kubernetesInsight(cluster, s, run));
        }
        EmrJobDefinition e = (EmrJobDefinition) definition;
        AwsSettings settings = aws.settings(e.aws(), run);
        EmrJobRequest request = EmrJobRequests.from(e, secrets);
        // without cluster access insight says so once, and reads the event log from S3 afterwards
        InsightWiring noCluster = InsightWiring.of(
                null,
                null,
                CoreServices.insight(),
                new EventLogReader(List.of(new S3EventLogs(CoreServices.aws().s3(settings)))));
        Supplier<String> eksClusterName =
                () -> EmrEksCluster.nameOf(CoreServices.aws().emrContainers(settings), request);
        Function<ClusterAccess, ClusterConnection> connect =
                access -> CoreServices.clusters().connect(access);
        InsightWiring emrInsight = emrInsight(e, settings, noCluster, eksClusterName, connect);
        return withInsight(
                emrBackend(
                        e,
                        settings,
                        withClusterAccess(
                                EmrBackend.create(CoreServices.aws(), settings, CoreServices.emrWatches()), emrInsight),
                        eksClusterName,
                        connect),
                request,
                SparkConfs::of,
                e,
                emrInsight);
    }

    /**
     * The backend the step's {@code submitThrough} names: StartJobRun, or the ACK JobRun resource in the virtual
     * cluster's EKS cluster, reached with the step's AWS identity through the same connection as Spark insight
     * (the step refuses {@code ack} without {@code clusterAccess}).
     */
    static SparkJobBackend<EmrJobRequest> emrBackend(
            EmrJobDefinition e,
            AwsSettings settings,
            EmrBackend api,
            Supplier<String> eksClusterName,
            Function<ClusterAccess, ClusterConnection> connect) {
        if (!e.throughAck()) {
            return api;
        }
        String name = null;
        try {
            name = eksClusterName.get();
            return new AckEmrBackend(
                    connect.apply(new ClusterAccess.Eks(settings, name)).client(), api);
        } catch (RuntimeException x) {
            // nothing was created yet: say which cluster ACK mode needed and why it was not reached
            throw new JobException("submitThrough 'ack' creates the JobRun in the virtual cluster's EKS cluster"
                    + (name == null ? "" : " " + name) + ", which could not be "
                    + (name == null ? "found" : "connected") + ": " + x.getMessage()
                    + ". Grant the step's AWS identity an EKS access entry and eks:DescribeCluster (see the setup"
                    + " guide), or submit through 'api'.");
        }
    }

    /**
     * The EMR run's cluster access: when the step opts in, the virtual cluster's EKS cluster is connected with the
     * step's AWS identity and region through {@code connect} (the controller's shared connector), so the run's end is
     * seen on its driver pod and, with insight on, the driver is read like a spark-submit driver; otherwise nothing is
     * looked up or connected.
     */
    static InsightWiring emrInsight(
            EmrJobDefinition e,
            AwsSettings settings,
            InsightWiring noCluster,
            Supplier<String> eksClusterName,
            Function<ClusterAccess, ClusterConnection> connect) {
        boolean clusterAccess = e.clusterAccess();
        return EmrClusterWiring.wire(
                noCluster, clusterAccess, eksClusterName, name -> connect.apply(new ClusterAccess.Eks(settings, name)));
    }

    /** The backend following each run's driver pod when the wiring reached the virtual cluster's EKS cluster. */
    static EmrBackend withClusterAccess(EmrBackend backend, InsightWiring wiring) {
        if (wiring.client() != null && wiring.clusterKey() instanceof ClusterCoordinates cluster) {
            return backend.withClusterAccess(new EmrClusterAccess(wiring.client(), cluster));
        }
        return backend;
    }

    /**
     * The engine with Spark insight as the step asks: the request's conf is known on every call (also when a resumed
     * build only watches), so the event log is found after a restart too.
     */
    private static <S> JobEngine withInsight(
            SparkJobBackend<S> backend,
            S spec,
            Function<S, Map<String, String>> conf,
            JobDefinition definition,
            InsightWiring wiring) {
        return JobEngine.of(
                InsightBackend.wrap(
                        backend, definition.waitSettings().insightOptions(), wiring, conf, conf.apply(spec)),
                spec);
    }

    /** The cluster's client for the driver's UI; S3 event logs with the step's AWS identity when it has one. */
    private InsightWiring kubernetesInsight(ClusterConnection cluster, SparkSubmitDefinition s, Run<?, ?> run) {
        List<EventLogStore> stores = new ArrayList<>();
        if (s.target().clusterName() != null) {
            try {
                stores.add(new S3EventLogs(
                        CoreServices.aws().s3(aws.settings(s.target().aws(), run))));
            } catch (IOException | RuntimeException e) {
                // no AWS identity for S3: the result will say the final seconds were not observed, and why
            }
        }
        return InsightWiring.of(
                cluster.client(), cluster.coordinates(), CoreServices.insight(), new EventLogReader(stores));
    }
}
