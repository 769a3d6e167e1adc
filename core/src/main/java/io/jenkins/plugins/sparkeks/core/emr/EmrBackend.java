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
        this(region, emr, logs, s3, logLimiter, machinery, null);
    }

    private EmrBackend(String region, EmrContainersClient emr, CloudWatchLogsClient logs, S3Client s3,
            CloudWatchRateLimiter logLimiter, EmrWatchMachinery machinery, DriverPodLogs podLogs) {
        this.podLogs = podLogs;
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
        return new EmrBackend(region, emr, logs, s3, logLimiter, machinery, pods);
    }

    @Override
    public Backend backend() {
        return Backend.EMR_ON_EKS;
    }

    @Override
    public void validate(EmrJobRequest spec) {
        EmrJobRequestValidator.validate(spec).throwIfInvalid();
    }

    @Override
    public EmrJobRunReference submit(EmrJobRequest spec, SubmissionKey key, JobObserver observer) {
        validate(spec);
        VirtualClusterResolver.Resolved vc = call("find virtual cluster " + spec.virtualClusterLabel(),
                () -> new VirtualClusterResolver(emr).resolve(spec));
        String token = ClientTokens.of(key);
        StartJobRunResponse started;
        try {
            started = emr.startJobRun(StartJobRunRequests.of(spec, vc.id(), token));
        } catch (ValidationException e) {
            throw new JobException("EMR refused StartJobRun" + named(spec) + " on virtual cluster " + vc.id() + ": "
                    + AwsErrors.describe(e));
        } catch (SdkException e) {
            throw new JobException("StartJobRun" + named(spec) + " on virtual cluster " + vc.id() + " failed: "
                    + AwsErrors.describe(e) + ". Retrying with the same submission key will not start a second run.");
        }
        // the same token returns the run started earlier; its real creation time bounds the shared poller's window
        JobRun run = describeQuietly(vc.id(), started.id());
        EmrJobRunReference ref = new EmrJobRunReference(region, vc.id(), started.id(), started.name(),
                run == null ? null : run.createdAt(), vc.namespace(), spec.monitoring().logLocation(), null);
        // the state itself is reported once, by the watch that follows it
        observer.submitted(ref);
        return ref;
    }

    /** The run is started whatever happens here; without an answer the poller learns its creation time later. */
    private JobRun describeQuietly(String virtualClusterId, String jobRunId) {
        try {
            return describeRun(virtualClusterId, jobRunId);
        } catch (SdkException | JobException e) {
            return null;
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
     * Cancels and waits, bounded by {@code gracePeriod} (or the machinery's cancelWait), for a terminal state. A
     * run that already ended is returned as it ended.
     */
    @Override
    public JobResult cancel(JobReference reference, Duration gracePeriod) {
        EmrJobRunReference ref = emrReference(reference);
        Duration wait = gracePeriod != null ? gracePeriod : machinery.settings().cancelWait();
        cancelRemote(ref);
        long deadline = System.nanoTime() + wait.toNanos();
        int round = 0;
        while (true) {
            JobRun run = call("describe job run " + ref.displayId(), () -> describeRun(ref.virtualClusterId(), ref.jobRunId()));
            boolean terminal = EmrStates.isTerminal(run.state());
            if (terminal || System.nanoTime() - deadline >= 0) {
                String detail = terminal ? "Cancelled on request."
                        : "Cancel requested; EMR had not confirmed it after " + EmrJobWatch.human(wait) + ".";
                return EmrResults.of(run, ref, EmrResults.Ending.CANCELLED, detail, null, List.of());
            }
            long pause = Math.min(machinery.settings().backoff().failureDelayMillis(++round),
                    Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobException("interrupted while waiting for job run " + ref.displayId() + " to be cancelled", e);
            }
        }
    }

    /** CancelJobRun, tolerating a run that is no longer cancellable (it has ended or is already cancelling). */
    void cancelRemote(EmrJobRunReference ref) {
        try {
            emr.cancelJobRun(b -> b.virtualClusterId(ref.virtualClusterId()).id(ref.jobRunId()));
        } catch (ValidationException e) {
            // "... is not in a cancellable state": terminal or CANCEL_PENDING; the state tells the rest
        } catch (ResourceNotFoundException e) {
            throw new JobException("EMR job run " + ref.displayId() + " does not exist (region " + region + ").");
        } catch (SdkException e) {
            throw new JobException("CancelJobRun for " + ref.displayId() + " failed: " + AwsErrors.describe(e));
        }
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
