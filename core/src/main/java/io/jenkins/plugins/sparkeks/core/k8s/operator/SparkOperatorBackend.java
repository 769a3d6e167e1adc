package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.OutcomeRecordingWatch;
import io.jenkins.plugins.sparkeks.core.k8s.RecordedWatch;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import io.jenkins.plugins.sparkeks.core.k8s.ConfirmedDelete;
import io.jenkins.plugins.sparkeks.core.k8s.submit.ApacheApplicationBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationFactory;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationSubmitter;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitValidator;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Spark through a Spark operator, the Kubeflow one ({@code sparkoperator.k8s.io}) or the Apache one
 * ({@code spark.apache.org}): a SparkApplication we create, followed on the shared per-namespace application
 * informers until the operator's states say it ended. Which operator is settled at submit (from the mode and, for
 * {@code operator}, from what the cluster serves) and then travels in the reference, so resume, status and cancel
 * need no discovery.
 */
public final class SparkOperatorBackend implements SparkJobBackend<SparkSubmitRequest> {

    /** How long {@link #cancel} waits for the application to disappear. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final ClusterCoordinates cluster;
    private final SparkApplicationInformers informers;
    private final WatchMachinery machinery;
    private final SubmissionMode mode;
    private final OperatorApi fixedApi;
    private final SparkSubmitValidator validator = new SparkSubmitValidator();
    private final SubmissionRecords records;

    /**
     * @param informers the process-wide application informers
     * @param machinery the process-wide Kubernetes watch machinery (its scheduler and log policy are used)
     */
    public SparkOperatorBackend(
            KubernetesClient client, ClusterCoordinates cluster, SparkApplicationInformers informers, WatchMachinery machinery) {
        this(client, cluster, informers, machinery, SubmissionMode.OPERATOR_KUBEFLOW, OperatorApi.KUBEFLOW);
    }

    /**
     * @param mode which operator to submit to; {@link SubmissionMode#OPERATOR} lets the cluster decide. Each submit
     *             asks the cluster which operator APIs it serves, and refuses before creating anything when the mode
     *             cannot be met.
     */
    public SparkOperatorBackend(KubernetesClient client, ClusterCoordinates cluster, SparkApplicationInformers informers,
            WatchMachinery machinery, SubmissionMode mode) {
        this(client, cluster, informers, machinery, mode, null);
    }

    private SparkOperatorBackend(KubernetesClient client, ClusterCoordinates cluster, SparkApplicationInformers informers,
            WatchMachinery machinery, SubmissionMode mode, OperatorApi fixedApi) {
        this.client = Objects.requireNonNull(client, "client");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.informers = Objects.requireNonNull(informers, "informers");
        this.machinery = Objects.requireNonNull(machinery, "machinery");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (!mode.usesOperator()) {
            throw new IllegalArgumentException("mode " + mode.value() + " does not use an operator");
        }
        this.fixedApi = fixedApi;
        this.records = new SubmissionRecords(client);
    }

    @Override
    public Backend backend() {
        return Backend.SPARK_OPERATOR;
    }

    @Override
    public void validate(SparkSubmitRequest spec) {
        validator.validateForSparkApplication(spec);
    }

    @Override
    public SparkApplicationReference submit(SparkSubmitRequest spec, SubmissionKey key, JobObserver observer) {
        return submit(spec, key, observer, WaitOptions.DEFAULT);
    }

    @Override
    public SparkApplicationReference submit(SparkSubmitRequest spec, SubmissionKey key, JobObserver observer, WaitOptions options) {
        validator.validateForSparkApplication(spec);
        OperatorApi api = fixedApi != null ? fixedApi : InstalledOperators.discover(client, cluster.describe()).pick(mode, cluster.describe());
        JobObserver o = observer == null ? JobObserver.NONE : observer;
        if (mode == SubmissionMode.OPERATOR) {
            o.diagnostic("mode 'operator': " + cluster.describe() + " serves " + api.apiVersion() + " SparkApplications, so the "
                    + api.kind().displayName() + " runs this job.");
        }
        SparkApplicationFactory factory = api.kind() == OperatorKind.APACHE
                ? new ApacheApplicationBuilder(api.context(), (options == null ? WaitOptions.DEFAULT : options).retention())
                : new SparkApplicationBuilder();
        return new SparkApplicationSubmitter(client, cluster, factory, validator, records).submit(spec, key, o);
    }

    @Override
    public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
        SparkApplicationReference ref = ours(reference);
        JobResult recorded = recordedIfGone(ref);
        if (recorded != null) {
            return RecordedWatch.of(ref, recorded, observer);
        }
        return OutcomeRecordingWatch.of(SparkApplicationWatch.start(client, ref, options, observer, informers, machinery),
                records, ref.namespace(), ref.submissionKeyHash(), machinery.scheduler());
    }

    /** The recorded outcome of a job whose SparkApplication is gone, or null. */
    private JobResult recordedIfGone(SparkApplicationReference ref) {
        if (ref.submissionKeyHash() == null) {
            return null;
        }
        SubmissionRecords.Outcome outcome = records.outcome(ref.namespace(), ref.submissionKeyHash());
        if (outcome == null) {
            return null;
        }
        try {
            return current(ref) != null ? null : outcome.applyTo(gone(ref), "SparkApplication " + ref.displayId());
        } catch (JobException e) {
            return null;
        }
    }

    @Override
    public JobResult describe(JobReference reference) {
        SparkApplicationReference ref = ours(reference);
        GenericKubernetesResource app = current(ref);
        if (app == null) {
            JobResult recorded = recordedIfGone(ref);
            return recorded != null ? recorded : gone(ref);
        }
        OperatorDialect dialect = dialect(ref);
        ApplicationStatus status = dialect.status(app);
        ApplicationVerdict verdict = dialect.judge(app);
        return OperatorResults.of(ref, verdict, status, driver(ref, status, dialect, app), List.of("SparkApplication "
                + ref.displayId() + ": " + verdict.message()));
    }

    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        SparkApplicationReference ref = ours(reference);
        GenericKubernetesResource app = current(ref);
        if (app == null) {
            return gone(ref);
        }
        OperatorDialect dialect = dialect(ref);
        ApplicationStatus status = dialect.status(app);
        ApplicationVerdict before = dialect.judge(app);
        Pod driver = driver(ref, status, dialect, app);
        if (before.terminal()) {
            return OperatorResults.of(ref, before, status, driver, List.of());
        }
        Resource<GenericKubernetesResource> resource = application(ref);
        ConfirmedDelete.Outcome outcome = ConfirmedDelete.run(resource::delete, () -> resource.get() == null, CANCEL_WAIT,
                "SparkApplication " + ref.displayId() + " on " + cluster.describe());
        if (!outcome.confirmed()) {
            return OperatorResults.of(ref, ApplicationVerdict.ended(JobState.CANCELLING, status.state(),
                    JobResult.CANCEL_NOT_CONFIRMED, outcome.unconfirmedDetail("SparkApplication " + ref.displayId(), CANCEL_WAIT)),
                    status, driver, List.of()).toBuilder().cancelConfirmed(false).build();
        }
        return OperatorResults.of(ref, ApplicationVerdict.ended(JobState.CANCELLED, status.state(), "Cancelled",
                "Cancelled. The SparkApplication was deleted."), status, driver, List.of()).toBuilder()
                .cancelConfirmed(true).build();
    }

    private static JobResult gone(SparkApplicationReference ref) {
        // Like a vanished driver pod: retention or someone else removed it, so no outcome can be claimed.
        return OperatorResults.of(ref, ApplicationVerdict.ended(JobState.FAILED, null, "SparkApplicationGone",
                "The SparkApplication no longer exists: it was removed after it finished (retention) or deleted by"
                        + " someone else, so its outcome can no longer be read"), null, null, List.of());
    }

    private SparkApplicationReference ours(JobReference reference) {
        if (!(reference instanceof SparkApplicationReference ref)) {
            throw new IllegalArgumentException("Not a SparkApplication reference: " + (reference == null ? null : reference.backend()
                    + " " + reference.displayId()) + ". Use the backend that submitted the job.");
        }
        if (!cluster.equals(ref.cluster())) {
            throw new IllegalArgumentException("Job " + ref.displayId() + " runs on " + ref.cluster().describe()
                    + ", but this backend talks to " + cluster.describe() + ". Resume it with credentials for its own cluster.");
        }
        return ref;
    }

    private static OperatorDialect dialect(SparkApplicationReference ref) {
        return OperatorDialect.of(OperatorApi.of(ref.apiVersion()));
    }

    private Resource<GenericKubernetesResource> application(SparkApplicationReference ref) {
        return client.genericKubernetesResources(OperatorApi.of(ref.apiVersion()).context())
                .inNamespace(ref.namespace()).withName(ref.name());
    }

    private GenericKubernetesResource current(SparkApplicationReference ref) {
        GenericKubernetesResource app;
        try {
            app = application(ref).get();
        } catch (KubernetesClientException e) {
            throw new JobException("Could not read SparkApplication " + ref.displayId() + " on " + cluster.describe() + ": "
                    + e.getMessage(), e);
        }
        if (app != null && ref.uid() != null && !ref.uid().equals(app.getMetadata().getUid())) {
            throw new JobException("SparkApplication " + ref.displayId() + " has uid " + app.getMetadata().getUid()
                    + " but this job created uid " + ref.uid() + ": it was replaced by another application of the same name.");
        }
        return app;
    }

    /** The driver pod; when it is gone, the pod status the operator recorded for it (Apache operator), else null. */
    private Pod driver(SparkApplicationReference ref, ApplicationStatus status, OperatorDialect dialect, GenericKubernetesResource app) {
        String name = status.driverPod() == null ? ref.driverPodName() : status.driverPod();
        Pod pod;
        try {
            pod = client.pods().inNamespace(ref.namespace()).withName(name).get();
        } catch (KubernetesClientException e) {
            pod = null;
        }
        return pod != null ? pod : RecordedDriver.pod(name, dialect.recordedDriver(app));
    }
}
