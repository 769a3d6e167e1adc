package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.OutcomeRecordingWatch;
import io.jenkins.plugins.sparkeks.core.k8s.RecordedWatch;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Runs EMR on EKS jobs through ACK JobRun resources under the same one-key-one-job rules as Kubernetes jobs: the
 * key's run is started at most once ({@link AckJobRunSubmitter}), its verdict is written to the key's outcome record
 * in the JobRun's namespace before anyone sees it, and a repeat of a key whose run ended reports that recorded
 * outcome without creating anything or asking EMR.
 */
public final class AckJobRuns {

    private final AckJobRunSubmitter submitter;
    private final EmrBackend emr;
    private final SubmissionRecords records;
    private final Executor executor;

    /**
     * @param client   a client for the cluster where the ACK emrcontainers controller runs
     * @param region   the controller's AWS region
     * @param emr      the backend that follows the started runs
     * @param executor where outcome records are written (one API call each, off the thread ending the watch)
     */
    public AckJobRuns(KubernetesClient client, String region, EmrBackend emr, Executor executor) {
        this(new SubmissionRecords(client), client, region, emr, executor);
    }

    AckJobRuns(SubmissionRecords records, KubernetesClient client, String region, EmrBackend emr, Executor executor) {
        this.records = Objects.requireNonNull(records, "records");
        this.submitter = new AckJobRunSubmitter(client, region, records);
        this.emr = Objects.requireNonNull(emr, "emr");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Submits (or finds what the key submitted before) and watches the run, or reports its recorded outcome. */
    public JobWatch start(EmrJobRequest request, SubmissionKey key, String namespace, Duration idTimeout,
            WaitOptions options, JobObserver observer) {
        JobObserver to = observer == null ? JobObserver.NONE : observer;
        AckJobRunSubmitter.Submitted submitted = submitter.submit(request, key, namespace, idTimeout, to);
        EmrJobRunReference ref = submitted.reference();
        if (submitted.recordedOutcome() != null) {
            return RecordedWatch.of(ref, submitted.recordedResult(), to);
        }
        return OutcomeRecordingWatch.of(emr.watch(ref, options, to), records, namespace, key.hash(32), executor);
    }
}
