package io.jenkins.plugins.sparkeks.core.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.DriverPodSubmitter;
import io.jenkins.plugins.sparkeks.core.k8s.submit.DriverSpecBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitValidator;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverInformerRegistry;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPodListener;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPodSubscription;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPodWatch;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverResults;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverVerdict;
import io.jenkins.plugins.sparkeks.core.k8s.watch.PodVerdict;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Spark on Kubernetes the {@code spark-submit --deploy-mode cluster} way: a driver pod we create, followed
 * on the shared namespace informers until the driver container's own outcome is known.
 */
public final class KubernetesBackend implements SparkJobBackend<SparkSubmitRequest> {

    /** How long {@link #cancel} waits past the grace period for the pod to disappear. */
    static final Duration CANCEL_WAIT_SLACK = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final ClusterCoordinates cluster;
    private final WatchMachinery machinery;
    private final DriverPodSubmitter submitter;
    private final SparkSubmitValidator validator = new SparkSubmitValidator();
    private final Duration cancelSlack;
    private final SubmissionRecords records;

    public KubernetesBackend(KubernetesClient client, ClusterCoordinates cluster, WatchMachinery machinery) {
        this(client, cluster, machinery, CANCEL_WAIT_SLACK);
    }

    /** Tests shorten the slack so that a cancel that is never confirmed gives up in seconds. */
    KubernetesBackend(KubernetesClient client, ClusterCoordinates cluster, WatchMachinery machinery, Duration cancelSlack) {
        this.cancelSlack = Objects.requireNonNull(cancelSlack, "cancelSlack");
        this.client = Objects.requireNonNull(client, "client");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.machinery = Objects.requireNonNull(machinery, "machinery");
        this.records = new SubmissionRecords(client);
        this.submitter = new DriverPodSubmitter(client, cluster, new DriverSpecBuilder(), validator, records);
    }

    public KubernetesBackend(
            KubernetesClient client, ClusterCoordinates cluster, DriverInformerRegistry informers, ScheduledExecutorService scheduler) {
        this(client, cluster, WatchMachinery.of(informers, scheduler));
    }

    @Override
    public Backend backend() {
        return Backend.KUBERNETES;
    }

    @Override
    public void validate(SparkSubmitRequest spec) {
        validator.validate(spec);
    }

    @Override
    public DriverPodReference submit(SparkSubmitRequest spec, SubmissionKey key, JobObserver observer) {
        return submitter.submit(spec, key, observer == null ? JobObserver.NONE : observer);
    }

    @Override
    public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
        DriverPodReference ref = ours(reference);
        if (ref.submissionKeyHash() == null) {
            return DriverPodWatch.start(client, ref, options, observer, machinery);
        }
        // The recorded outcome is read first (a pod gone since may have left one), which takes a round trip. Holding
        // the namespace's informer meanwhile starts its first list now, so the driver's state, and for an ended
        // driver the request for its log, no longer waits for that list only after the record came back. The hold
        // ends once the watch holds the informer itself (or is not needed), so it costs no request of its own.
        try (DriverPodSubscription early = machinery.informers().subscribe(client, ref.cluster(), ref.namespace(),
                ref.podName(), IgnoredPod.INSTANCE)) {
            JobResult recorded = recordedIfGone(ref);
            if (recorded != null) {
                return RecordedWatch.of(ref, recorded, observer);
            }
            return OutcomeRecordingWatch.of(DriverPodWatch.start(client, ref, options, observer, machinery),
                    records, ref.namespace(), ref.submissionKeyHash(), machinery.scheduler());
        }
    }

    /** Hears nothing: it only holds an informer while the watch that will listen is not yet subscribed. */
    private enum IgnoredPod implements DriverPodListener {
        INSTANCE;

        @Override
        public void changed(Pod resource) {}

        @Override
        public void deleted(Pod lastKnown) {}

        @Override
        public void absent() {}

        @Override
        public void informerFailed(Throwable cause) {}

        @Override
        public void podEvent(Event event) {}
    }

    /** The recorded outcome of a job whose driver pod is gone, or null (pod still there, or nothing recorded). */
    private JobResult recordedIfGone(DriverPodReference ref) {
        if (ref.submissionKeyHash() == null) {
            return null;
        }
        SubmissionRecords.Outcome outcome = records.outcome(ref.namespace(), ref.submissionKeyHash());
        if (outcome == null) {
            return null;
        }
        Pod pod;
        try {
            pod = currentPod(ref);
        } catch (JobException e) {
            return null; // the watch reads the pod again and reports what it finds
        }
        return pod != null ? null : outcome.applyTo(DriverResults.of(ref, DriverVerdict.gone(), null, List.of()),
                "driver pod " + ref.displayId());
    }

    @Override
    public JobResult describe(JobReference reference) {
        DriverPodReference ref = ours(reference);
        Pod pod = currentPod(ref);
        if (pod == null) {
            JobResult recorded = recordedIfGone(ref);
            return recorded != null ? recorded : DriverResults.of(ref, DriverVerdict.gone(), null, List.of());
        }
        PodVerdict verdict = DriverVerdict.judge(pod);
        return DriverResults.of(ref, verdict, pod, List.of("Driver pod " + ref.displayId() + ": " + verdict.message()));
    }

    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        DriverPodReference ref = ours(reference);
        Pod pod = currentPod(ref);
        if (pod == null) {
            return DriverResults.of(ref, DriverVerdict.gone(), null, List.of());
        }
        PodVerdict before = DriverVerdict.judge(pod);
        if (before.terminal()) {
            return DriverResults.of(ref, before, pod, List.of());
        }
        var resource = client.pods().inNamespace(ref.namespace()).withName(ref.podName());
        Duration wait = (gracePeriod == null ? Duration.ofSeconds(30) : gracePeriod).plus(cancelSlack);
        ConfirmedDelete.Outcome outcome = ConfirmedDelete.run(
                () -> (gracePeriod == null ? resource : resource.withGracePeriod(gracePeriod.toSeconds())).delete(),
                () -> stopped(ref, resource.get()), wait, "driver pod " + ref.displayId() + " on " + cluster.describe());
        if (!outcome.confirmed()) {
            JobResult unconfirmed = DriverResults.of(ref, before.as(JobState.CANCELLING, JobResult.CANCEL_NOT_CONFIRMED,
                    outcome.unconfirmedDetail("Driver pod " + ref.displayId(), wait)), pod, List.of());
            return unconfirmed.toBuilder().cancelConfirmed(false).build();
        }
        return DriverResults.of(ref, DriverVerdict.cancelled(pod, "requested"), pod, List.of()).toBuilder()
                .cancelConfirmed(true).build();
    }

    /** Gone, replaced by another pod of that name, or every container ended: the driver no longer runs. */
    private static boolean stopped(DriverPodReference ref, Pod now) {
        return now == null || ref.podUid() != null && !ref.podUid().equals(now.getMetadata().getUid())
                || DriverVerdict.judge(now).terminal();
    }

    private DriverPodReference ours(JobReference reference) {
        if (!(reference instanceof DriverPodReference ref)) {
            throw new IllegalArgumentException("Not a driver pod reference: " + (reference == null ? null : reference.backend()
                    + " " + reference.displayId()) + ". Use the backend that submitted the job.");
        }
        if (!cluster.equals(ref.cluster())) {
            throw new IllegalArgumentException("Job " + ref.displayId() + " runs on " + ref.cluster().describe()
                    + ", but this backend talks to " + cluster.describe() + ". Resume it with credentials for its own cluster.");
        }
        return ref;
    }

    private Pod currentPod(DriverPodReference ref) {
        Pod pod;
        try {
            pod = client.pods().inNamespace(ref.namespace()).withName(ref.podName()).get();
        } catch (KubernetesClientException e) {
            throw new JobException("Could not read driver pod " + ref.displayId() + " on " + cluster.describe() + ": "
                    + e.getMessage(), e);
        }
        if (pod != null && ref.podUid() != null && !ref.podUid().equals(pod.getMetadata().getUid())) {
            throw new JobException("Driver pod " + ref.displayId() + " has uid " + pod.getMetadata().getUid()
                    + " but this job created uid " + ref.podUid() + ": it was replaced by another pod of the same name.");
        }
        return pod;
    }
}
