package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.logs.DriverLogFollower;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogTail;
import io.jenkins.plugins.sparkeks.core.k8s.logs.PodLogPosition;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.watch.SharedInformers;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchLifecycle;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Follows one SparkApplication to its verdict: status changes from the namespace's shared application
 * informer, timeouts from the shared scheduler, the driver log from the HTTP client once the operator names
 * the driver pod. Holds no thread. Cancel and timeouts delete the application; the operator removes its pods.
 */
final class SparkApplicationWatch implements JobWatch, SharedInformers.Listener<GenericKubernetesResource> {

    static final int EXPLANATION_LOG_LINES = 50;
    /** After our delete, how long we wait to see the application go before reporting anyway. */
    static final Duration DELETE_CONFIRMATION = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final SparkApplicationReference reference;
    private final WaitOptions options;
    private final JobObserver observer;
    private final WatchMachinery machinery;
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private final LogTail tail = new LogTail(EXPLANATION_LOG_LINES);
    private final WatchLifecycle lifecycle;

    private DriverLogFollower follower;
    private ApplicationStatus lastStatus;
    private ApplicationVerdict lastVerdict;
    private String lastReported;
    private boolean started;
    private ApplicationVerdict intent;

    private SparkApplicationWatch(KubernetesClient client, SparkApplicationReference reference, WaitOptions options,
            JobObserver observer, WatchMachinery machinery) {
        this.client = Objects.requireNonNull(client, "client");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.options = options == null ? WaitOptions.DEFAULT : options;
        this.observer = observer == null ? JobObserver.NONE : observer;
        this.machinery = Objects.requireNonNull(machinery, "machinery");
        this.lifecycle = new WatchLifecycle(machinery.scheduler());
    }

    static SparkApplicationWatch start(KubernetesClient client, SparkApplicationReference reference, WaitOptions options,
            JobObserver observer, SparkApplicationInformers informers, WatchMachinery machinery) {
        SparkApplicationWatch watch = new SparkApplicationWatch(client, reference, options, observer, machinery);
        synchronized (watch) {
            watch.lifecycle.closeOnFinish(informers.subscribe(client, reference.cluster(), reference.namespace(), reference.name(), watch));
        }
        return watch;
    }

    // ---- JobWatch

    @Override
    public synchronized SparkApplicationReference reference() {
        PodLogPosition position = follower == null ? null : follower.position();
        return position == null ? reference : reference.withLogCursor(position.into(reference.logCursor()));
    }

    @Override
    public CompletableFuture<JobResult> result() {
        return result;
    }

    @Override
    public synchronized String status() {
        String app = "SparkApplication " + reference.namespace() + "/" + reference.name();
        if (result.isDone() && !result.isCompletedExceptionally()) {
            JobResult r = result.join();
            return app + " finished: " + r.state() + (r.reason() == null ? "" : " (" + r.reason() + ")");
        }
        if (lifecycle.finishing()) {
            return app + " finished, reading the rest of its driver log";
        }
        if (intent != null) {
            return app + " being deleted: " + intent.reason();
        }
        if (lastVerdict == null) {
            return "waiting for " + app + " to appear";
        }
        return app + " " + (lastVerdict.nativeState().isEmpty() ? "(no state yet)" : lastVerdict.nativeState());
    }

    @Override
    public CompletableFuture<JobResult> cancel(String why) {
        startDeleting(ApplicationVerdict.ended(JobState.CANCELLED, null, "Cancelled",
                "Cancelled" + (why == null || why.isBlank() ? "" : ": " + why) + ". The SparkApplication was deleted."));
        return result;
    }

    @Override
    public void detach() {
        DriverLogFollower toStop;
        synchronized (this) {
            if (!lifecycle.finish()) {
                return;
            }
            toStop = follower;
        }
        if (toStop != null) {
            toStop.stop();
        }
        result.completeExceptionally(new CancellationException(
                "Stopped following " + reference.displayId() + " here; the application itself goes on"));
    }

    // ---- SharedInformers.Listener (shared threads)

    @Override
    public synchronized void changed(GenericKubernetesResource app) {
        if (lifecycle.finishing() || isReplacement(app)) {
            return;
        }
        ApplicationStatus status = ApplicationStatus.of(app);
        lastStatus = status;
        scheduleTimers(status);
        ApplicationVerdict verdict = ApplicationVerdict.judge(status);
        lastVerdict = verdict;
        if (verdict.state() == JobState.RUNNING || verdict.terminal()) {
            started = true;
        }
        if (intent != null) {
            return;
        }
        if (verdict.terminal()) {
            finish(verdict, false);
            return;
        }
        String key = verdict.state() + "|" + verdict.message();
        if (!key.equals(lastReported)) {
            lastReported = key;
            observer.stateChanged(verdict.state(), verdict.message());
        }
        if (verdict.state() == JobState.RUNNING) {
            startFollowingLogs();
        }
    }

    @Override
    public synchronized void deleted(GenericKubernetesResource lastKnown) {
        if (lifecycle.finishing() || isReplacement(lastKnown)) {
            return;
        }
        finish(intent != null ? intent : deletedByOthers(), true);
    }

    @Override
    public void absent() {
        // The informer may not have seen an application created a moment ago: ask before concluding.
        GenericKubernetesResource app;
        try {
            app = application().get();
        } catch (KubernetesClientException e) {
            informerFailed(e);
            return;
        }
        if (app != null) {
            changed(app);
            return;
        }
        synchronized (this) {
            if (!lifecycle.finishing()) {
                finish(intent != null ? intent : deletedByOthers(), true);
            }
        }
    }

    @Override
    public void informerFailed(Throwable cause) {
        synchronized (this) {
            if (!lifecycle.finish()) {
                return;
            }
        }
        result.completeExceptionally(new JobException("Cannot follow SparkApplication " + reference.displayId() + " on "
                + reference.cluster().describe() + ": " + cause.getMessage(), cause));
    }

    // ---- internals (with this watch's lock held unless said otherwise)

    private ApplicationVerdict deletedByOthers() {
        String was = lastVerdict == null || lastVerdict.nativeState().isEmpty() ? "" : " (it was " + lastVerdict.nativeState() + ")";
        return ApplicationVerdict.ended(JobState.FAILED, lastVerdict == null ? null : lastVerdict.nativeState(),
                "SparkApplicationDeleted", "The SparkApplication was deleted by someone else before the job ended" + was);
    }

    private boolean isReplacement(GenericKubernetesResource app) {
        String uid = app == null || app.getMetadata() == null ? null : app.getMetadata().getUid();
        if (reference.uid() == null || uid == null || reference.uid().equals(uid)) {
            return false;
        }
        if (lastStatus == null && lifecycle.finish()) {
            result.completeExceptionally(new JobException("Refusing to follow SparkApplication " + reference.displayId()
                    + ": it has uid " + uid + " but this job created uid " + reference.uid()
                    + ", so it was replaced by another application of the same name."));
        }
        return true;
    }

    private Resource<GenericKubernetesResource> application() {
        return client.genericKubernetesResources(SparkApplicationBuilder.CONTEXT)
                .inNamespace(reference.namespace()).withName(reference.name());
    }

    private String driverPod() {
        return lastStatus != null && lastStatus.driverPod() != null ? lastStatus.driverPod() : reference.driverPodName();
    }

    private void scheduleTimers(ApplicationStatus status) {
        lifecycle.scheduleTimeouts(status.createdAt() == null ? Instant.now() : status.createdAt(), options,
                this::startTimedOut, this::runTimedOut);
    }

    private void startTimedOut() {
        String state;
        synchronized (this) {
            if (started) {
                return;
            }
            state = lastVerdict == null ? null : lastVerdict.nativeState();
        }
        startDeleting(ApplicationVerdict.ended(JobState.TIMED_OUT, state, "StartTimeout", "The driver did not start within "
                + options.startTimeout().toSeconds() + "s" + (state == null || state.isEmpty() ? "" : " (operator state " + state + ")")
                + ". The SparkApplication was deleted."));
    }

    private void runTimedOut() {
        String state;
        synchronized (this) {
            state = lastVerdict == null ? null : lastVerdict.nativeState();
        }
        startDeleting(ApplicationVerdict.ended(JobState.TIMED_OUT, state, "RunTimeout", "The job did not finish within "
                + options.runTimeout().toSeconds() + "s. The SparkApplication was deleted."));
    }

    /** Not under the lock: deletes the application on the scheduler and reports {@code verdict} once it is gone. */
    private void startDeleting(ApplicationVerdict verdict) {
        synchronized (this) {
            if (lifecycle.finishing() || intent != null) {
                return;
            }
            String nativeState = verdict.nativeState() != null ? verdict.nativeState()
                    : lastVerdict == null ? null : lastVerdict.nativeState();
            intent = ApplicationVerdict.ended(verdict.state(), nativeState, verdict.reason(), verdict.message());
            observer.stateChanged(JobState.CANCELLING, intent.message());
            lifecycle.after(DELETE_CONFIRMATION, this::deleteUnconfirmed);
        }
        machinery.scheduler().execute(this::deleteApplication);
    }

    private void deleteApplication() {
        boolean gone;
        try {
            var deleted = application().delete();
            gone = deleted == null || deleted.isEmpty();
        } catch (KubernetesClientException e) {
            synchronized (this) {
                observer.diagnostic("Could not delete SparkApplication " + reference.displayId() + ": " + e.getMessage());
            }
            gone = e.getCode() == 404;
        }
        if (gone) {
            synchronized (this) {
                if (!lifecycle.finishing()) {
                    finish(intent, true);
                }
            }
        }
    }

    private synchronized void deleteUnconfirmed() {
        if (!lifecycle.finishing() && intent != null) {
            finish(ApplicationVerdict.ended(intent.state(), intent.nativeState(), intent.reason(),
                    intent.message() + " (it had not disappeared yet)"), false);
        }
    }

    private void startFollowingLogs() {
        if (!options.followLogs() || follower != null) {
            return;
        }
        follower = new DriverLogFollower(client, reference.namespace(), driverPod(),
                PodLogPosition.from(reference.logCursor()), this::deliver, observer::diagnostic,
                machinery.scheduler(), machinery.logPolicy());
        follower.start();
    }

    private void deliver(LogLine line) {
        tail.add(line.text());
        observer.log(line);
    }

    private void finish(ApplicationVerdict verdict, boolean appGone) {
        lifecycle.finish();
        CompletableFuture<Void> logs;
        boolean driverNamed = lastStatus != null && lastStatus.driverPod() != null;
        if (!options.followLogs() || appGone || follower == null && !driverNamed) {
            // A deleted application's pods (and logs) go with it; an application whose submission failed has no driver.
            if (follower != null) {
                follower.stop();
            }
            logs = CompletableFuture.completedFuture(null);
        } else {
            startFollowingLogs();
            follower.podTerminated();
            logs = follower.drained();
        }
        ApplicationStatus status = lastStatus;
        String podName = driverPod();
        logs.whenCompleteAsync((ok, failure) -> {
            Pod driver = appGone ? null : readDriver(podName);
            JobResult r = OperatorResults.of(reference, verdict, status, driver, explanation(verdict));
            synchronized (this) {
                observer.stateChanged(r.state(), r.message());
            }
            if (!appGone) {
                applyRetention(verdict);
            }
            result.complete(r);
        }, machinery.scheduler());
    }

    /** The driver pod adds its exit code and reason; it may already be gone, which is fine. */
    private Pod readDriver(String podName) {
        try {
            return client.pods().inNamespace(reference.namespace()).withName(podName).get();
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    /** Not under the lock: deletes the finished application (the operator removes its pods) if so asked. */
    private void applyRetention(ApplicationVerdict verdict) {
        Retention retention = options.retention();
        boolean delete = retention == Retention.DELETE || retention == Retention.KEEP_ON_FAILURE && verdict.success();
        String line;
        if (!delete) {
            line = "Kept SparkApplication " + reference.displayId() + " (retention " + retention + ")";
        } else {
            try {
                application().delete();
                line = "Deleted SparkApplication " + reference.displayId() + " (retention " + retention + ")";
            } catch (KubernetesClientException e) {
                line = "Could not delete finished SparkApplication " + reference.displayId() + " (retention " + retention + "): "
                        + e.getMessage();
            }
        }
        synchronized (this) {
            observer.diagnostic(line);
        }
    }

    private synchronized List<String> explanation(ApplicationVerdict verdict) {
        List<String> lines = new ArrayList<>();
        lines.add("SparkApplication " + reference.displayId() + ": " + verdict.message());
        List<String> logTail = tail.lines();
        if (!logTail.isEmpty()) {
            lines.add("Last " + logTail.size() + " driver log lines:");
            logTail.forEach(l -> lines.add("  " + l));
        }
        return lines;
    }
}
