package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.ConfirmedDelete;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.logs.DriverLogFollower;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogTail;
import io.jenkins.plugins.sparkeks.core.k8s.logs.PodLogPosition;
import io.jenkins.plugins.sparkeks.core.logs.LogLine;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Follows one driver pod to its verdict on the shared machinery: pod changes arrive from the namespace's
 * informer, timeouts from the shared scheduler, log lines from the HTTP client. Holds no thread.
 *
 * <p>Once terminal, the rest of the driver log is drained, the retention rule is applied, and only then
 * does {@link #result()} complete.
 */
public final class DriverPodWatch implements JobWatch, DriverPodListener {

    static final int EXPLANATION_LOG_LINES = 50;
    static final int EXPLANATION_EVENTS = 20;
    /** After our delete, how long past the grace period we wait to see the pod go before reporting anyway. */
    static final Duration DELETE_CONFIRMATION_SLACK = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final DriverPodReference reference;
    private final WaitOptions options;
    private final JobObserver observer;
    private final WatchMachinery machinery;
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private final LogTail tail = new LogTail(EXPLANATION_LOG_LINES);
    private final Set<String> diagnosticsSeen = new LinkedHashSet<>();
    private final List<String> events = new ArrayList<>();
    private final WatchLifecycle lifecycle;

    private DriverPodSubscription subscription;
    private DriverLogFollower follower;
    private Pod lastPod;
    private PodVerdict lastVerdict;
    private String lastReported;
    /** A cancel or timeout we started: the verdict to report once the pod is gone. */
    private PodVerdict intent;
    private volatile boolean cancelUnconfirmed;

    private DriverPodWatch(
            KubernetesClient client, DriverPodReference reference, WaitOptions options, JobObserver observer, WatchMachinery machinery) {
        this.client = Objects.requireNonNull(client, "client");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.options = options == null ? WaitOptions.DEFAULT : options;
        this.observer = observer == null ? JobObserver.NONE : observer;
        this.machinery = Objects.requireNonNull(machinery, "machinery");
        this.lifecycle = new WatchLifecycle(machinery.scheduler());
    }

    /** Starts following {@code reference}'s driver pod; the log continues after its cursor. */
    public static DriverPodWatch start(
            KubernetesClient client, DriverPodReference reference, WaitOptions options, JobObserver observer, WatchMachinery machinery) {
        DriverPodWatch watch = new DriverPodWatch(client, reference, options, observer, machinery);
        synchronized (watch) {
            watch.subscription = machinery.informers()
                    .subscribe(client, reference.cluster(), reference.namespace(), reference.podName(), watch);
            watch.lifecycle.closeOnFinish(watch.subscription);
        }
        return watch;
    }

    // ---- JobWatch

    @Override
    public synchronized DriverPodReference reference() {
        PodLogPosition position = follower == null ? null : follower.position();
        return position == null ? reference : reference.withLogCursor(position.into(reference.logCursor()));
    }

    @Override
    public CompletableFuture<JobResult> result() {
        return result;
    }

    @Override
    public synchronized String status() {
        String pod = "driver pod " + reference.namespace() + "/" + reference.podName();
        if (result.isDone() && !result.isCompletedExceptionally()) {
            JobResult r = result.join();
            return pod + " finished: " + r.state() + (r.reason() == null ? "" : " (" + r.reason() + ")");
        }
        if (lifecycle.finishing()) {
            return pod + " finished, reading the rest of its log";
        }
        if (intent != null) {
            return pod + " being deleted: " + intent.reason();
        }
        if (lastVerdict == null) {
            return "waiting for " + pod + " to appear";
        }
        String phase = lastVerdict.phase() == null ? lastVerdict.state().name() : lastVerdict.phase();
        return pod + " " + phase + (lastVerdict.reason() == null ? "" : ": " + lastVerdict.reason());
    }

    @Override
    public CompletableFuture<JobResult> cancel(String why) {
        startDeleting(() -> DriverVerdict.cancelled(lastPod, why), options.cancelGracePeriod());
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
                "Stopped following " + reference.displayId() + " here; the job itself goes on"));
    }

    // ---- DriverPodListener (shared informer threads)

    @Override
    public synchronized void changed(Pod pod) {
        if (lifecycle.finishing() || isReplacement(pod)) {
            return;
        }
        lastPod = pod;
        scheduleTimers(pod);
        PodVerdict verdict = DriverVerdict.judge(pod);
        lastVerdict = verdict;
        if (intent != null) {
            if (verdict.terminal()) {
                finish(verdict.as(intent.state(), intent.reason(), intent.message()), false);
            }
            return;
        }
        if (verdict.terminal()) {
            finish(verdict, false);
            return;
        }
        report(verdict);
        waitingDiagnostic(pod);
        boolean waitingToStart = verdict.state() == JobState.SUBMITTED || verdict.state() == JobState.PENDING;
        subscription.wantEvents(waitingToStart);
        if (verdict.state() == JobState.RUNNING) {
            startFollowingLogs();
        }
    }

    @Override
    public synchronized void deleted(Pod lastKnown) {
        if (lifecycle.finishing() || isReplacement(lastKnown)) {
            return;
        }
        lastPod = lastKnown;
        finish(intent != null ? DriverVerdict.judge(lastKnown).as(intent.state(), intent.reason(), intent.message())
                : DriverVerdict.deleted(lastKnown), true);
    }

    @Override
    public void absent() {
        // The informer may not have seen a pod created a moment ago: ask the API server before concluding.
        Pod pod;
        try {
            pod = client.pods().inNamespace(reference.namespace()).withName(reference.podName()).get();
        } catch (KubernetesClientException e) {
            informerFailed(e);
            return;
        }
        if (pod != null) {
            changed(pod);
            return;
        }
        synchronized (this) {
            if (lifecycle.finishing()) {
                return;
            }
            // nothing was seen of this pod: it may have ended and been removed by retention, so no failure is claimed
            finish(intent != null ? intent : DriverVerdict.gone(), true);
        }
    }

    @Override
    public synchronized void podEvent(Event event) {
        if (lifecycle.finishing()) {
            return;
        }
        String line = "Pod event: " + (event.getType() == null ? "" : event.getType() + " ")
                + Objects.toString(event.getReason(), "") + ": " + Objects.toString(event.getMessage(), "").strip();
        if (diagnosticsSeen.add(line)) {
            if (events.size() < EXPLANATION_EVENTS) {
                events.add(line);
            }
            observer.diagnostic(line);
        }
    }

    @Override
    public void informerFailed(Throwable cause) {
        synchronized (this) {
            if (!lifecycle.finish()) {
                return;
            }
        }
        result.completeExceptionally(new JobException("Cannot follow driver pod " + reference.displayId() + " on "
                + reference.cluster().describe() + ": " + cause.getMessage(), cause));
    }

    // ---- internals (called with this watch's lock held unless said otherwise)

    /** Refuses a pod that carries our name but not our uid: someone replaced it. */
    private boolean isReplacement(Pod pod) {
        String uid = pod == null || pod.getMetadata() == null ? null : pod.getMetadata().getUid();
        if (reference.podUid() == null || uid == null || reference.podUid().equals(uid)) {
            return false;
        }
        if (lastPod == null && lifecycle.finish()) {
            result.completeExceptionally(new JobException("Refusing to follow driver pod " + reference.displayId()
                    + ": it has uid " + uid + " but this job created uid " + reference.podUid()
                    + ", so it was replaced by another pod of the same name. Check who recreated it; "
                    + "this job's own driver is gone."));
        }
        return true;
    }

    private void scheduleTimers(Pod pod) {
        Instant created = pod.getMetadata() == null ? null : DriverVerdict.time(pod.getMetadata().getCreationTimestamp());
        lifecycle.scheduleTimeouts(created == null ? Instant.now() : created, options, this::startTimedOut, this::runTimedOut);
    }

    private void startTimedOut() {
        synchronized (this) {
            if (lastVerdict != null && lastVerdict.state() == JobState.RUNNING) {
                return;
            }
        }
        startDeleting(() -> lastPod == null
                ? new PodVerdict(JobState.TIMED_OUT, null, "StartTimeout", "The driver pod did not appear within "
                        + options.startTimeout().toSeconds() + "s", null, null, null, null)
                : DriverVerdict.startTimedOut(lastPod, options.startTimeout()), options.cancelGracePeriod());
    }

    private void runTimedOut() {
        startDeleting(() -> lastPod == null
                ? new PodVerdict(JobState.TIMED_OUT, null, "RunTimeout", "The job did not finish within "
                        + options.runTimeout().toSeconds() + "s", null, null, null, null)
                : DriverVerdict.runTimedOut(lastPod, options.runTimeout()), options.cancelGracePeriod());
    }

    /** Not under the lock: deletes the pod on the scheduler and reports {@code verdict} once it is gone. */
    private void startDeleting(Supplier<PodVerdict> verdict, Duration grace) {
        synchronized (this) {
            if (lifecycle.finishing() || intent != null) {
                return;
            }
            intent = verdict.get();
            observer.stateChanged(JobState.CANCELLING, intent.message());
            lifecycle.after((grace == null ? Duration.ofSeconds(30) : grace).plus(DELETE_CONFIRMATION_SLACK), this::deleteUnconfirmed);
        }
        machinery.scheduler().execute(() -> deletePod(grace));
    }

    private void deletePod(Duration grace) {
        deletePod(grace, 0);
    }

    /** A delete that got no answer, was throttled or hit a server error is sent again until the wait runs out. */
    private void deletePod(Duration grace, int round) {
        boolean gone;
        try {
            var pod = client.pods().inNamespace(reference.namespace()).withName(reference.podName());
            var deleted = grace == null ? pod.delete() : pod.withGracePeriod(grace.toSeconds()).delete();
            gone = deleted == null || deleted.isEmpty();
        } catch (KubernetesClientException e) {
            gone = e.getCode() == 404;
            if (!gone && ConfirmedDelete.isTransient(e)) {
                synchronized (this) {
                    if (lifecycle.finishing()) {
                        return;
                    }
                    if (round == 0) {
                        observer.diagnostic("Could not delete driver pod " + reference.displayId() + ": "
                                + ConfirmedDelete.describe(e) + "; trying again with backoff.");
                    }
                    lifecycle.after(Duration.ofMillis(ConfirmedDelete.delay(round)), () -> deletePod(grace, round + 1));
                }
                return;
            }
            synchronized (this) {
                observer.diagnostic("Could not delete driver pod " + reference.displayId() + ": " + e.getMessage());
            }
        }
        if (gone) {
            synchronized (this) {
                if (!lifecycle.finishing()) {
                    finish(lastPod == null ? intent : DriverVerdict.judge(lastPod).as(intent.state(), intent.reason(), intent.message()), true);
                }
            }
        }
    }

    /**
     * The wait is over: one direct read, as the informer may have missed the deletion; a pod gone, replaced or
     * ended has stopped. Otherwise the driver may still run, and the result says so.
     */
    private void deleteUnconfirmed() {
        Pod now;
        boolean read;
        try {
            now = client.pods().inNamespace(reference.namespace()).withName(reference.podName()).get();
            read = true;
        } catch (KubernetesClientException e) {
            now = null;
            read = false;
        }
        boolean gone = read && (now == null || reference.podUid() != null && !reference.podUid().equals(now.getMetadata().getUid()));
        boolean ended = read && !gone && DriverVerdict.judge(now).terminal();
        synchronized (this) {
            if (lifecycle.finishing() || intent == null) {
                return;
            }
            if (gone || ended) {
                Pod last = ended ? now : lastPod;
                finish(last == null ? intent : DriverVerdict.judge(last).as(intent.state(), intent.reason(), intent.message()), gone);
                return;
            }
            cancelUnconfirmed = true;
            String message = intent.message() + " (the pod had not disappeared yet; it may still be running)";
            finish(intent.state() == JobState.CANCELLED
                    ? intent.as(JobState.CANCELLING, JobResult.CANCEL_NOT_CONFIRMED, message)
                    : intent.as(intent.state(), intent.reason(), message), false);
        }
    }

    private void report(PodVerdict verdict) {
        String key = verdict.state() + "|" + verdict.message();
        if (!key.equals(lastReported)) {
            lastReported = key;
            observer.stateChanged(verdict.state(), verdict.message());
        }
    }

    private void waitingDiagnostic(Pod pod) {
        ContainerStatus driver = DriverVerdict.driverContainer(pod.getStatus());
        ContainerStateWaiting waiting = driver == null || driver.getState() == null ? null : driver.getState().getWaiting();
        if (waiting == null || waiting.getReason() == null) {
            return;
        }
        String line = "Driver container waiting: " + waiting.getReason()
                + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage().strip());
        if (diagnosticsSeen.add(line)) {
            observer.diagnostic(line);
        }
    }

    private void startFollowingLogs() {
        if (!options.followLogs() || follower != null) {
            return;
        }
        follower = new DriverLogFollower(client, reference.namespace(), reference.podName(),
                PodLogPosition.from(reference.logCursor()), this::deliver, observer::diagnostic,
                machinery.scheduler(), machinery.logPolicy());
        follower.start();
    }

    private void deliver(LogLine line) {
        tail.add(line.text());
        observer.log(line);
    }

    private void finish(PodVerdict verdict, boolean podGone) {
        lifecycle.finish();
        observer.stateChanged(verdict.state(), verdict.message());
        CompletableFuture<Void> logs;
        if (!options.followLogs()) {
            logs = CompletableFuture.completedFuture(null);
        } else if (podGone || follower == null && verdict.startedAt() == null) {
            // A deleted pod's log is gone with it; a driver that never started wrote none.
            if (follower != null) {
                follower.stop();
            }
            logs = CompletableFuture.completedFuture(null);
        } else {
            startFollowingLogs();
            follower.podTerminated();
            logs = follower.drained();
        }
        Pod pod = lastPod;
        boolean asked = intent != null;
        logs.whenCompleteAsync((ok, failure) -> {
            if (!podGone) {
                applyRetention(verdict);
            }
            JobResult r = DriverResults.of(reference, verdict, pod, explanation(verdict));
            // only a watch we were asked to stop has a cancel to confirm
            result.complete(!asked ? r : r.toBuilder().cancelConfirmed(!cancelUnconfirmed).build());
        }, machinery.scheduler());
    }

    /** Not under the lock: deletes the finished pod (and, through owner references, what it owns) if so asked. */
    private void applyRetention(PodVerdict verdict) {
        Retention retention = options.retention();
        boolean delete = retention == Retention.DELETE || retention == Retention.KEEP_ON_FAILURE && verdict.success();
        String line;
        if (!delete) {
            line = "Kept driver pod " + reference.displayId() + " (retention " + retention + ")";
        } else {
            try {
                client.pods().inNamespace(reference.namespace()).withName(reference.podName()).delete();
                line = "Deleted driver pod " + reference.displayId() + " (retention " + retention + ")";
            } catch (KubernetesClientException e) {
                line = "Could not delete finished driver pod " + reference.displayId() + " (retention " + retention + "): "
                        + e.getMessage();
            }
        }
        synchronized (this) {
            observer.diagnostic(line);
        }
    }

    private synchronized List<String> explanation(PodVerdict verdict) {
        List<String> lines = new ArrayList<>();
        lines.add("Driver pod " + reference.displayId() + ": " + verdict.message());
        if (!events.isEmpty()) {
            lines.add("Pod events:");
            events.forEach(e -> lines.add("  " + e));
        }
        List<String> logTail = tail.lines();
        if (!logTail.isEmpty()) {
            lines.add("Last " + logTail.size() + " driver log lines:");
            logTail.forEach(l -> lines.add("  " + l));
        }
        return lines;
    }
}
