package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.DecoratedJobWatch;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.OutcomeRecordingWatch;
import io.jenkins.plugins.sparkeks.core.k8s.RecordedWatch;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * EMR on EKS submitted through the ACK emrcontainers controller's JobRun resource instead of StartJobRun, behind the
 * same contract as {@link EmrBackend}: the JobRun is created in the virtual cluster's namespace (so the reference's
 * namespace finds it again on resume), the run is then followed, described and cancelled through the EMR API like an
 * API-submitted one, and every result says {@code submittedThrough: "ack"}.
 */
public final class AckEmrBackend implements SparkJobBackend<EmrJobRequest> {

    /** The result's {@link JobResult#submittedThrough()} for runs started through ACK. */
    public static final String SUBMITTED_THROUGH = "ack";

    static final String CRD = AckJobRunSubmitter.JOB_RUN.getPlural() + "." + AckJobRunSubmitter.JOB_RUN.getGroup();

    private final KubernetesClient client;
    private final EmrBackend emr;
    private final SubmissionRecords records;
    private final AckJobRunSubmitter submitter;
    private final Duration idTimeout;
    private final Executor executor;
    // what submit learnt that the reference cannot carry: the key's recorded outcome, for the watch that follows
    private final Map<String, Started> started = new ConcurrentHashMap<>();
    private final AckJobRunRemoval removal;

    private record Started(String keyHash, AckJobRunSubmitter.Submitted submitted) {}

    /** How long the ACK controller may take to start the run and write its id into the JobRun's status. */
    public static final Duration DEFAULT_ID_TIMEOUT = Duration.ofMinutes(5);

    /** ACK mode on {@code emr}'s machinery, waiting {@link #DEFAULT_ID_TIMEOUT} for the controller. */
    public AckEmrBackend(KubernetesClient client, EmrBackend emr) {
        this(client, emr, DEFAULT_ID_TIMEOUT, emr.machinery().scheduler());
    }

    /**
     * @param client    a client for the virtual cluster's EKS cluster, where the ACK controller watches JobRuns
     * @param emr       the backend that follows, describes and cancels the started runs
     * @param idTimeout how long ACK may take to write the job run id into the JobRun's status
     * @param executor  where outcome records are written
     */
    public AckEmrBackend(KubernetesClient client, EmrBackend emr, Duration idTimeout, Executor executor) {
        this.client = Objects.requireNonNull(client, "client");
        this.emr = Objects.requireNonNull(emr, "emr");
        this.records = new SubmissionRecords(client);
        this.submitter = new AckJobRunSubmitter(client, emr.region(), records);
        this.idTimeout = Objects.requireNonNull(idTimeout, "idTimeout");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.removal = new AckJobRunRemoval(client);
    }

    @Override
    public Backend backend() {
        return Backend.EMR_ON_EKS;
    }

    /** The EMR checks plus what the JobRun resource cannot carry, each naming the field and the fix. */
    @Override
    public void validate(EmrJobRequest spec) {
        AckJobRunSubmitter.validate(spec).throwIfInvalid();
    }

    @Override
    public EmrJobRunReference submit(EmrJobRequest spec, SubmissionKey key, JobObserver observer) {
        return submit(spec, key, observer, WaitOptions.DEFAULT);
    }

    @Override
    public EmrJobRunReference submit(EmrJobRequest spec, SubmissionKey key, JobObserver observer, WaitOptions options) {
        validate(spec);
        JobObserver to = observer == null ? JobObserver.NONE : observer;
        VirtualClusterResolver.Resolved vc;
        try {
            vc = new VirtualClusterResolver(emr.emr()).resolve(spec);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new JobException("Could not find virtual cluster " + spec.virtualClusterLabel() + ": "
                    + AwsErrors.describe(e));
        }
        String namespace = vc.namespace();
        requireServed(namespace);
        AckJobRunSubmitter.Submitted s = submitter.submit(spec, key, namespace, namespace, idTimeout, to);
        started.put(s.reference().displayId(), new Started(key.hash(32), s));
        return s.reference();
    }

    /**
     * A get of an unserved resource reads as "not found", so the first create would be the first sign; a list
     * answers 404 for the type itself and is asked before anything is created.
     */
    private void requireServed(String namespace) {
        try {
            client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace(namespace)
                    .list(new ListOptionsBuilder().withLimit(1L).build());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new JobException("The EKS cluster does not serve " + CRD + " (apiVersion "
                        + AckJobRunSubmitter.JOB_RUN.getGroup() + "/" + AckJobRunSubmitter.JOB_RUN.getVersion()
                        + "), so submitThrough 'ack' cannot create a JobRun: install the ACK emrcontainers controller"
                        + " and its CRDs in the cluster, or submit through the EMR API (submitThrough 'api').");
            }
            if (e.getCode() == 403) {
                throw new JobException("Not allowed to list " + CRD + " in namespace " + namespace
                        + ": grant create, get, list, watch and delete on jobruns.emrcontainers.services.k8s.aws there"
                        + " (see the setup guide).");
            }
            throw new JobException("Could not read " + CRD + " in namespace " + namespace + ": HTTP " + e.getCode(), e);
        }
    }

    /**
     * Right after submit, a key whose run already ended reports its recorded outcome; otherwise the run is followed
     * through EMR and its verdict recorded for the key (found on resume by the JobRun's submission-key label). A
     * cancel, abort or timeout also deletes the JobRun, as an ACK user ends a run, and the result says what became
     * of it.
     */
    @Override
    public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
        EmrJobRunReference ref = emrReference(reference);
        JobObserver to = observer == null ? JobObserver.NONE : observer;
        Started s = started.remove(ref.displayId());
        if (s != null && s.submitted().recordedOutcome() != null) {
            return RecordedWatch.of(ref, s.submitted().recordedResult(), to);
        }
        String keyHash = s != null ? s.keyHash() : keyHashOf(ref);
        JobWatch w = emr.watch(ref, options, to);
        return new AckWatch(keyHash == null || ref.namespace() == null ? w
                : OutcomeRecordingWatch.of(w, records, ref.namespace(), keyHash, executor), ref, to);
    }

    @Override
    public JobResult describe(JobReference reference) {
        return mark(emr.describe(emrReference(reference)));
    }

    /**
     * Deletes the JobRun (ACK's delete is CancelJobRun) and cancels through the EMR API as well, so the cancel does
     * not depend on the controller being up or on its deletion policy; only EMR's state confirms it, as in API
     * mode. The result's explanation ends with what became of the JobRun.
     */
    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        EmrJobRunReference ref = emrReference(reference);
        AckJobRunRemoval.Requested requested = removal.request(ref);
        JobResult r = emr.cancel(ref, gracePeriod);
        return withRemoval(mark(r), removal.report(requested, ref));
    }

    private static JobResult withRemoval(JobResult r, String said) {
        List<String> lines = new ArrayList<>(r.explanation());
        lines.add(said);
        return r.toBuilder().explanation(lines).build();
    }

    /** The key's hash from the JobRun that started this run (its label), or null once the JobRun is gone. */
    private String keyHashOf(EmrJobRunReference ref) {
        if (ref.namespace() == null) {
            return null;
        }
        GenericKubernetesResource jr;
        try {
            jr = AckJobRunRemoval.find(client, ref);
        } catch (KubernetesClientException e) {
            return null; // the run is still followed through EMR; only its outcome goes unrecorded
        }
        return jr == null || jr.getMetadata().getLabels() == null ? null
                : jr.getMetadata().getLabels().get(SparkLabels.SUBMISSION_KEY);
    }

    private EmrJobRunReference emrReference(JobReference reference) {
        if (!(reference instanceof EmrJobRunReference ref)) {
            throw new IllegalArgumentException("not an EMR on EKS job run reference: " + reference.displayId());
        }
        return ref;
    }

    private static JobResult mark(JobResult r) {
        return r == null ? null : r.toBuilder().submittedThrough(SUBMITTED_THROUGH).build();
    }

    /**
     * The EMR watch, its results marked as ACK's; one that we ended (cancelConfirmed set: a cancel, abort or
     * timeout) deletes the JobRun too, off the completing thread, and reports what became of it.
     */
    private final class AckWatch extends DecoratedJobWatch {
        private final EmrJobRunReference ref;
        private final JobObserver observer;
        private final AtomicReference<AckJobRunRemoval.Requested> requested = new AtomicReference<>();

        AckWatch(JobWatch inner, EmrJobRunReference ref, JobObserver observer) {
            super(inner, new CompletableFuture<>());
            this.ref = ref;
            this.observer = observer;
            inner.result().whenComplete((r, e) -> {
                if (e != null) {
                    // unwrapped: a detach must read as a CancellationException as soon as it returns
                    result.completeExceptionally(unwrapped(e));
                } else if (r.cancelConfirmed() == null) {
                    result.complete(mark(r));
                } else {
                    // Kubernetes API calls: not on the thread that ended the watch
                    runOn(executor, () -> result.complete(removed(mark(r))));
                }
            });
        }

        private JobResult removed(JobResult r) {
            try {
                AckJobRunRemoval.Requested q = requested.get();
                if (q == null) { // a timeout: EMR's cancel came first, the JobRun goes now
                    q = request();
                }
                String said = removal.report(q, ref);
                observer.diagnostic(said);
                return withRemoval(r, said);
            } catch (RuntimeException e) {
                return withRemoval(r, "The ACK JobRun of EMR job run " + ref.displayId() + " may be left: " + e);
            }
        }

        private synchronized AckJobRunRemoval.Requested request() {
            AckJobRunRemoval.Requested q = requested.get();
            if (q == null) {
                q = removal.request(ref);
                requested.set(q);
            }
            return q;
        }

        /**
         * EMR's cancel first (it returns at once), then the delete, which lets ACK cancel the run too; the delete's
         * API calls run on the executor, not on the thread of whoever stops the build.
         */
        @Override
        public CompletableFuture<JobResult> cancel(String why) {
            inner.cancel(why);
            if (!inner.result().isDone()) {
                runOn(executor, this::request);
            }
            return result;
        }
    }
}
