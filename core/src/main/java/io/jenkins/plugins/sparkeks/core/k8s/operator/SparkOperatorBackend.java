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
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
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
 * Spark through the Kubeflow Spark Operator: a SparkApplication we create, followed on the shared
 * per-namespace application informers until the operator calls it COMPLETED or FAILED.
 */
public final class SparkOperatorBackend implements SparkJobBackend<SparkSubmitRequest> {

    /** How long {@link #cancel} waits for the application to disappear. */
    static final Duration CANCEL_WAIT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final ClusterCoordinates cluster;
    private final SparkApplicationInformers informers;
    private final WatchMachinery machinery;
    private final SparkApplicationSubmitter submitter;
    private final SparkSubmitValidator validator = new SparkSubmitValidator();
    private final SubmissionRecords records;

    /**
     * @param informers the process-wide application informers
     * @param machinery the process-wide Kubernetes watch machinery (its scheduler and log policy are used)
     */
    public SparkOperatorBackend(
            KubernetesClient client, ClusterCoordinates cluster, SparkApplicationInformers informers, WatchMachinery machinery) {
        this.client = Objects.requireNonNull(client, "client");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.informers = Objects.requireNonNull(informers, "informers");
        this.machinery = Objects.requireNonNull(machinery, "machinery");
        this.records = new SubmissionRecords(client);
        this.submitter = new SparkApplicationSubmitter(client, cluster, new SparkApplicationBuilder(), validator, records);
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
        return submitter.submit(spec, key, observer == null ? JobObserver.NONE : observer);
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
        ApplicationStatus status = ApplicationStatus.of(app);
        ApplicationVerdict verdict = ApplicationVerdict.judge(status);
        return OperatorResults.of(ref, verdict, status, driver(ref, status), List.of("SparkApplication " + ref.displayId()
                + ": " + verdict.message()));
    }

    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        SparkApplicationReference ref = ours(reference);
        GenericKubernetesResource app = current(ref);
        if (app == null) {
            return gone(ref);
        }
        ApplicationStatus status = ApplicationStatus.of(app);
        ApplicationVerdict before = ApplicationVerdict.judge(status);
        if (before.terminal()) {
            return OperatorResults.of(ref, before, status, driver(ref, status), List.of());
        }
        Pod driver = driver(ref, status);
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

    private Resource<GenericKubernetesResource> application(SparkApplicationReference ref) {
        return client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT).inNamespace(ref.namespace()).withName(ref.name());
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

    private Pod driver(SparkApplicationReference ref, ApplicationStatus status) {
        String name = status.driverPod() == null ? ref.driverPodName() : status.driverPod();
        try {
            return client.pods().inNamespace(ref.namespace()).withName(name).get();
        } catch (KubernetesClientException e) {
            return null;
        }
    }
}
