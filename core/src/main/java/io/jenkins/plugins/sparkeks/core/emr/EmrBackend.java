package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.auth.AwsClientFactory;
import io.jenkins.plugins.sparkeks.core.auth.AwsSettings;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SparkJobBackend;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.logs.LogSink;
import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.emrcontainers.EmrContainersClient;
import software.amazon.awssdk.services.emrcontainers.model.JobRun;
import software.amazon.awssdk.services.emrcontainers.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrcontainers.model.StartJobRunResponse;
import software.amazon.awssdk.services.emrcontainers.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * EMR on EKS behind the shared job vocabulary: StartJobRun under an idempotency token derived from the
 * submission key, one shared poller per virtual cluster for the state, CloudWatch (then S3) for the driver log,
 * CancelJobRun for aborts and timeouts, resume from an {@link EmrJobRunReference}.
 */
public final class EmrBackend implements SparkJobBackend<EmrJobRequest> {

    private final String region;
    private final EmrContainersClient emr;
    private final CloudWatchLogsClient logs;
    private final S3Client s3;
    private final CloudWatchRateLimiter logLimiter;
    private final EmrWatchMachinery machinery;
    private final DriverPodLogs podLogs;
    private final EmrClusterAccess clusterAccess;

    /**
     * @param region     the region the clients talk to (for references and console links)
     * @param emr        emr-containers client
     * @param logs       CloudWatch Logs client, or null to skip CloudWatch
     * @param s3         S3 client, or null to skip the S3 log fallback
     * @param logLimiter the CloudWatch read budget of the clients' account and region
     * @param machinery  the process-wide pollers and scheduler
     */
    public EmrBackend(String region, EmrContainersClient emr, CloudWatchLogsClient logs, S3Client s3,
            CloudWatchRateLimiter logLimiter, EmrWatchMachinery machinery) {
        this(region, emr, logs, s3, logLimiter, machinery, null, null);
    }

    private EmrBackend(String region, EmrContainersClient emr, CloudWatchLogsClient logs, S3Client s3,
            CloudWatchRateLimiter logLimiter, EmrWatchMachinery machinery, DriverPodLogs podLogs,
            EmrClusterAccess clusterAccess) {
        this.podLogs = podLogs;
        this.clusterAccess = clusterAccess;
        this.region = Objects.requireNonNull(region, "region");
        this.emr = Objects.requireNonNull(emr, "emr");
        this.logs = logs;
        this.s3 = s3;
        this.logLimiter = Objects.requireNonNull(logLimiter, "logLimiter");
        this.machinery = Objects.requireNonNull(machinery, "machinery");
    }

    /**
     * A backend on the factory's cached clients. The CloudWatch budget is keyed by the caller's account (one
     * STS GetCallerIdentity, which needs no permission), so every backend of that account and region shares it.
     */
    public static EmrBackend create(AwsClientFactory clients, AwsSettings settings, EmrWatchMachinery machinery) {
        String account;
        try {
            account = clients.sts(settings).getCallerIdentity().account();
        } catch (SdkException e) {
            account = settings.roleArn() != null ? settings.roleArn() : "default-credentials";
        }
        String regionId = settings.region().id();
        return new EmrBackend(regionId, clients.emrContainers(settings), clients.logs(settings), clients.s3(settings),
                machinery.rateLimiter(account, regionId), machinery);
    }

    /**
     * The same backend, also reading the driver pod's log while it runs (the caller can reach the virtual
     * cluster's namespace, e.g. with {@link KubernetesDriverPodLogs}).
     */
    public EmrBackend withDriverPodLogs(DriverPodLogs pods) {
        return new EmrBackend(region, emr, logs, s3, logLimiter, machinery, pods, clusterAccess);
    }

    /**
     * The same backend, also following each run's driver pod through the machinery's shared informer of the virtual
     * cluster's namespace: when the pod ends or disappears, EMR confirms the end at once instead of at the next poll
     * (one DescribeJobRun, or one ListJobRuns of ended runs for many endings pending together). Without permission to list and watch pods there, a run says so once and is polled as before.
     */
    public EmrBackend withClusterAccess(EmrClusterAccess access) {
        return new EmrBackend(region, emr, logs, s3, logLimiter, machinery, podLogs, access);
    }

    /** The cluster access runs are followed with; null when only EMR is asked. */
    EmrClusterAccess clusterAccess() {
        return clusterAccess;
    }

    @Override
    public Backend backend() {
        return Backend.EMR_ON_EKS;
    }

    @Override
    public void validate(EmrJobRequest spec) {
        EmrJobRequestValidator.validate(spec).throwIfInvalid();
    }

    /** StartJobRun retries for {@link #submit(EmrJobRequest, SubmissionKey, JobObserver)}, which has no start timeout. */
    public static final Duration DEFAULT_START_RETRY = Duration.ofMinutes(5);

    @Override
    public EmrJobRunReference submit(EmrJobRequest spec, SubmissionKey key, JobObserver observer) {
        return submit(spec, key, observer, WaitOptions.DEFAULT);
    }

    /**
     * Throttling, 5xx, lost connections and a full job queue (the virtual cluster's maxInQueueJobRuns) are retried
     * with backoff for up to the start timeout (or {@link #DEFAULT_START_RETRY}), always under the key's client token,
     * so however many tries reach EMR at most one run starts.
     */
    @Override
    public EmrJobRunReference submit(EmrJobRequest spec, SubmissionKey key, JobObserver observer, WaitOptions options) {
        validate(spec);
        JobObserver to = observer == null ? JobObserver.NONE : observer;
        Duration window = options != null && options.startTimeout() != null ? options.startTimeout() : DEFAULT_START_RETRY;
        TransientRetry retry = new TransientRetry(window, machinery.settings().backoff(), to::diagnostic);
        VirtualClusterResolver.Resolved vc = retry.call("find virtual cluster " + spec.virtualClusterLabel(), key,
                () -> new VirtualClusterResolver(emr).resolve(spec));
        String token = ClientTokens.of(key);
        String what = "StartJobRun" + named(spec) + " on virtual cluster " + vc.id();
        StartJobRunResponse started;
        try {
            started = retry.call(what, key, () -> emr.startJobRun(StartJobRunRequests.of(spec, vc.id(), token)),
                    new JobQueue(emr, vc.id()));
        } catch (ValidationException e) {
            throw new JobException("EMR refused " + what + ": " + AwsErrors.describe(e));
        }
        // the same token returns the run started earlier; its real creation time bounds the shared poller's window
        JobRun run = describeToCompare(retry, vc.id(), started.id(), key);
        requireSameSpec(run, spec, key, vc.id());
        EmrJobRunReference ref = new EmrJobRunReference(region, vc.id(), started.id(), started.name(),
                run == null ? null : run.createdAt(), vc.namespace(), spec.monitoring().logLocation(), null);
        // the state itself is reported once, by the watch that follows it
        to.submitted(ref);
        return ref;
    }

    /**
     * EMR answers a reused client token with the run it started first, whatever the new request says: a run tagged
     * with another spec's fingerprint is that other job, and is refused rather than reported as this one.
     */
    private static void requireSameSpec(JobRun run, EmrJobRequest spec, SubmissionKey key, String virtualClusterId) {
        String recorded = run == null || run.tags() == null ? null : run.tags().get(EmrSpecFingerprints.TAG);
        String mine = EmrSpecFingerprints.of(spec).value();
        if (recorded == null || recorded.equals(mine)) {
            return; // the same job, or a run started before runs were tagged
        }
        throw new JobException("Submission key '" + key.value() + "' already started EMR job run " + virtualClusterId + "/"
                + run.id() + (run.name() == null ? "" : " ('" + run.name() + "'") + ", spec fingerprint " + recorded
                + (run.name() == null ? "" : ")") + ", but this request is" + (spec.name() == null ? " another job" : " '" + spec.name() + "'")
                + " (spec fingerprint " + mine + "). A submission key runs exactly one job: repeat the first request"
                + " unchanged to get its outcome, or use a new key.");
    }

    /**
     * The run's spec tag, read with the same retries and start window as StartJobRun. Without it a run another job
     * started under this key cannot be told from this job's own, and attaching would report that job's outcome as
     * this one's: a pipeline's verdict must not rest on a guess, so the submit fails instead, naming the run and
     * the key (a retry under the same key finds the same run and compares again; nothing starts twice).
     */
    private JobRun describeToCompare(TransientRetry retry, String virtualClusterId, String jobRunId, SubmissionKey key) {
        String run = virtualClusterId + "/" + jobRunId;
        try {
            return retry.call("DescribeJobRun " + run + " (to compare its spec with this request's)", key,
                    () -> describeRun(virtualClusterId, jobRunId));
        } catch (JobException e) {
            throw new JobException("Submission key '" + key.value() + "' has EMR job run " + run + " (started now or by"
                    + " an earlier request under the key), but its spec could not be compared with this request's, so"
                    + " this step does not attach to it: " + e.getMessage(), e);
        }
    }

    @Override
    public JobWatch watch(JobReference reference, WaitOptions options, JobObserver observer) {
        EmrJobWatch w = new EmrJobWatch(this, emrReference(reference), options, observer);
        w.start();
        return w;
    }

    @Override
    public JobResult describe(JobReference reference) {
        EmrJobRunReference ref = emrReference(reference);
        JobRun run = call("describe job run " + ref.displayId(), () -> describeRun(ref.virtualClusterId(), ref.jobRunId()));
        return EmrResults.of(run, ref, EmrResults.Ending.NONE, null, null, List.of());
    }

    /**
     * Cancels and waits, bounded by {@code gracePeriod} (or the machinery's cancelWait), until EMR shows the run
     * ended: CancelJobRun and DescribeJobRun are tried again with backoff after throttling, 5xx and lost
     * connections. A run that already ended is returned as it ended; one not seen to end in time is returned with
     * {@code cancelConfirmed: false}, reason {@link JobResult#CANCEL_NOT_CONFIRMED}. A final refusal (permissions,
     * unknown run) is thrown.
     */
    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        EmrJobRunReference ref = emrReference(reference);
        Duration wait = gracePeriod != null ? gracePeriod : machinery.settings().cancelWait();
        JobRunCanceller canceller = new JobRunCanceller(emr, region);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean requested = false;
        String problem = null;
        JobRun run = null;
        int round = 0;
        while (true) {
            if (!requested) {
                try {
                    canceller.once(ref);
                    requested = true;
                } catch (SdkException e) {
                    problem = "CancelJobRun: " + AwsErrors.describe(e);
                }
            }
            try {
                run = describeRun(ref.virtualClusterId(), ref.jobRunId());
                if (EmrStates.isTerminal(run.state())) {
                    return EmrResults.of(run, ref, EmrResults.Ending.CANCELLED, "Cancelled on request.", null, List.of());
                }
            } catch (SdkException e) {
                if (!AwsErrors.isTransient(e)) {
                    throw new JobException("Could not describe job run " + ref.displayId() + ": " + AwsErrors.describe(e));
                }
                problem = "DescribeJobRun: " + AwsErrors.describe(e);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                String detail = (requested ? "Cancel requested; EMR had not confirmed it after "
                        : "CancelJobRun did not get through within ") + EmrJobWatch.human(wait)
                        + (problem == null ? "" : " (last failure: " + problem + ")")
                        + "; the job run may still be running.";
                return run == null ? EmrResults.cancelNotConfirmed(ref, detail)
                        : EmrResults.of(run, ref, EmrResults.Ending.CANCELLED, detail, null, List.of());
            }
            long pause = Math.min(machinery.settings().backoff().failureDelayMillis(++round), Math.max(1, remaining / 1_000_000));
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobException("interrupted while waiting for job run " + ref.displayId() + " to be cancelled", e);
            }
        }
    }

    /**
     * For a watch: CancelJobRun now and, after transient failures, again with backoff on the shared scheduler
     * until it gets through, {@code done}, or the machinery's cancelWait passes.
     */
    void cancelInBackground(EmrJobRunReference ref, Consumer<String> diagnostics, BooleanSupplier done) {
        new JobRunCanceller(emr, region).inBackground(ref,
                System.nanoTime() + machinery.settings().cancelWait().toNanos(), machinery.scheduler(),
                machinery.settings().backoff(), diagnostics, done);
    }

    EmrDriverLogFollower logFollower(EmrJobRunReference ref, LogSink sink, Consumer<String> diagnostics) {
        return new EmrDriverLogFollower(ref, logs, s3, podLogs, logLimiter, machinery, sink, diagnostics);
    }

    EmrWatchMachinery machinery() {
        return machinery;
    }

    EmrContainersClient emr() {
        return emr;
    }

    String region() {
        return region;
    }

    private JobRun describeRun(String virtualClusterId, String jobRunId) {
        try {
            return emr.describeJobRun(b -> b.virtualClusterId(virtualClusterId).id(jobRunId)).jobRun();
        } catch (ResourceNotFoundException e) {
            throw new JobException("EMR job run " + virtualClusterId + "/" + jobRunId + " does not exist (region "
                    + region + ").");
        }
    }

    private EmrJobRunReference emrReference(JobReference reference) {
        if (!(reference instanceof EmrJobRunReference ref)) {
            throw new IllegalArgumentException("not an EMR on EKS job run reference: " + reference.displayId());
        }
        if (!ref.region().equals(region)) {
            throw new JobException("Job run " + ref.displayId() + " is in region " + ref.region()
                    + " but this backend talks to " + region + "; give the job's region.");
        }
        return ref;
    }

    private static String named(EmrJobRequest spec) {
        return spec.name() == null ? "" : " for '" + spec.name() + "'";
    }

    private static <T> T call(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new JobException("Could not " + what + ": " + AwsErrors.describe(e));
        }
    }
}
