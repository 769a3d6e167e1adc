package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.sparkeks.core.job.ApiOutage;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.ConfirmedDelete;
import io.jenkins.plugins.sparkeks.core.k8s.logs.DriverLogFollower;
import io.jenkins.plugins.sparkeks.core.k8s.logs.LogTail;
import io.jenkins.plugins.sparkeks.core.k8s.logs.PodLogPosition;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
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
import java.util.function.Supplier;

/**
 * The lifecycle every Kubernetes mode shares, from subscribing to one object until its verdict: status text,
 * start/run timeouts on the shared scheduler, cancel by deleting the object (with retries and a bounded wait to
 * see it go), detach, following and draining the driver log, retention, and finishing exactly once. Holds no
 * thread: changes arrive from a shared informer, timers from the shared scheduler.
 *
 * <p>A mode (driver pod, an operator's application) is a subclass that supplies only what is its own: how to read
 * and delete its object, how to judge it, the verdicts for a cancel, a timeout or a deletion by others, which pod
 * holds the driver log, and how a verdict becomes a {@link JobResult}. Subclass methods are called with this
 * watch's lock held unless they say otherwise.
 *
 * @param <T> the followed Kubernetes kind
 * @param <V> the mode's verdict
 * @param <R> the mode's job reference
 */
public abstract class KubernetesJobWatch<T extends HasMetadata, V extends WatchVerdict<V>, R extends JobReference>
        implements JobWatch, SharedInformers.Listener<T> {

    static final int EXPLANATION_LOG_LINES = 50;
    /** How long a delete without a grace period of our own is given before we look again. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** After our delete, how long past the grace period we wait to see the object go before reporting anyway. */
    static final Duration DELETE_CONFIRMATION_SLACK = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final R reference;
    private final WatchedObject object;
    private final WaitOptions options;
    private final JobObserver observer;
    private final WatchMachinery machinery;
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private final LogTail tail = new LogTail(EXPLANATION_LOG_LINES);
    private final WatchLifecycle lifecycle;
    private final ApiOutage outage;

    private DriverLogFollower follower;
    private T lastObject;
    private V lastVerdict;
    private String lastReported;
    /** The driver has been seen running or ended: the start timeout no longer applies. */
    private boolean started;
    /** A cancel or timeout we started: the verdict to report once the object is gone. */
    private V intent;
    private boolean cancelUnconfirmed;
    /** The driver's node no longer answers: asking it for the rest of the log would only wait out the drain timeout. */
    private boolean logUnreachable;
    /** The driver pod was replaced since the reference's cursor was taken: its log is read from its first line. */
    private boolean driverReplaced;

    protected KubernetesJobWatch(KubernetesClient client, R reference, WatchedObject object, WaitOptions options,
            JobObserver observer, WatchMachinery machinery) {
        this.client = Objects.requireNonNull(client, "client");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.object = Objects.requireNonNull(object, "object");
        this.options = options == null ? WaitOptions.DEFAULT : options;
        this.observer = observer == null ? JobObserver.NONE : observer;
        this.machinery = Objects.requireNonNull(machinery, "machinery");
        this.lifecycle = new WatchLifecycle(machinery.scheduler());
        this.outage = new ApiOutage(this.observer, this.options.effectiveApiUnreachableTimeout(),
                object.noun() + " " + object.displayId());
    }

    // ---- what a mode supplies

    /** The followed object, for direct reads and deletes. May be called without the lock. */
    protected abstract Resource<T> resource();

    /** The job as this observation shows it; a pure function of the object. */
    protected abstract V judge(T observed);

    /** When the object was created: timeouts count from there. Null when unknown. */
    protected abstract Instant createdAt(T observed);

    /** The current state for {@link #status()}, after the object's name. */
    protected abstract String describe(V verdict);

    /** The verdict for a cancel asked by {@code why}; {@code last} may be null. */
    protected abstract V cancelVerdict(T last, String why);

    /** The verdict when the driver did not start within the start timeout; {@code last} may be null. */
    protected abstract V startTimeoutVerdict(T last, V lastVerdict);

    /** The verdict when the job did not end within the run timeout; {@code last} may be null. */
    protected abstract V runTimeoutVerdict(T last, V lastVerdict);

    /** The object was deleted while the job ran and nobody here asked for it. */
    protected abstract V deletedByOthers(T lastKnown, V lastVerdict);

    /** The object was not there when we first looked, nor on a direct read. */
    protected abstract V vanished(V lastVerdict);

    /** The pod whose log is the driver log. */
    protected abstract String driverPodName();

    /** Whether a driver that we did not follow yet may have written a log worth draining. */
    protected abstract boolean driverMayHaveLogged(V verdict);

    /**
     * The result for {@code verdict}. Called without the lock, after the log was drained, on the shared scheduler:
     * it may make a remote read (the driver pod's exit code).
     *
     * @param last        the last object seen, may be null
     * @param objectGone  whether the object is known to be deleted
     * @param explanation lines explaining a failure
     */
    protected abstract JobResult result(V verdict, T last, boolean objectGone, List<String> explanation);

    /** A mode's own reaction to a non-final observation (diagnostics, event interest). */
    protected void observed(T observed, V verdict) {}

    /** Lines a mode adds to a failure's explanation after the first one (events it collected). */
    protected void explainMore(List<String> lines) {}

    /** Deletes the object; a mode whose kind honours a grace period passes it on. May be called without the lock. */
    protected List<StatusDetails> deleteObject(Duration grace) {
        return resource().delete();
    }

    // ---- what a mode may use

    /** Called by the mode's factory, under this watch's lock, with the informer subscription to end on finish. */
    protected final synchronized <S extends AutoCloseable> S follow(Supplier<S> subscribe) {
        S subscription = subscribe.get();
        lifecycle.closeOnFinish(subscription);
        return subscription;
    }

    protected final KubernetesClient client() {
        return client;
    }

    protected final R initialReference() {
        return reference;
    }

    protected final WatchedObject object() {
        return object;
    }

    protected final WaitOptions options() {
        return options;
    }

    protected final JobObserver observer() {
        return observer;
    }

    protected final WatchMachinery machinery() {
        return machinery;
    }

    /** Whether the watch has reached (or is draining towards) its end. */
    protected final boolean finishing() {
        return lifecycle.finishing();
    }

    /** The last object seen, null before the first. */
    protected final T lastObject() {
        return lastObject;
    }

    /** Runs {@code action} on the shared scheduler after {@code delay} unless the watch finishes first. */
    protected final void after(Duration delay, Runnable action) {
        lifecycle.after(delay, action);
    }

    /**
     * Ends the job with a verdict the mode reached on its own (a stalled driver): the object is deleted and
     * {@code verdict} reported once it is gone, as for a timeout. Not under the lock.
     *
     * @param logReachable false when the driver's node no longer serves its log
     */
    protected final void endByDeleting(Supplier<V> verdict, boolean logReachable) {
        if (!logReachable) {
            synchronized (this) {
                logUnreachable = true;
            }
        }
        startDeleting(verdict);
    }

    /**
     * Ends the job now with {@code verdict}, without deleting anything: the object is already being deleted and
     * another delete would change nothing. Called with the lock held.
     */
    protected final void endNow(V verdict, boolean logReachable) {
        if (lifecycle.finishing()) {
            return;
        }
        logUnreachable |= !logReachable;
        finish(verdict, false);
    }

    /**
     * The mode's driver pod is gone and another will take its place (an operator resubmitting a resumed application):
     * the old log is over, and the next driver's log is followed from its first line once it runs. A new pod of the
     * same name shares no log position with the old one. With the lock held.
     */
    protected final void driverReplaced() {
        if (follower == null) {
            return;
        }
        follower.stop();
        follower = null;
        driverReplaced = true;
    }

    /** Whether a cancel or timeout of ours is under way. */
    protected final boolean deleting() {
        return intent != null;
    }

    // ---- JobWatch

    @Override
    @SuppressWarnings("unchecked") // every reference type returns its own type from withLogCursor
    public synchronized R reference() {
        PodLogPosition position = follower == null ? null : follower.position();
        if (position == null && driverReplaced) {
            // a resumed watch must read the new driver from its start, not from the old driver's position
            LogCursor cursor = reference.logCursor() == null ? LogCursor.START : reference.logCursor();
            return (R) reference.withLogCursor(cursor.with(PodLogPosition.SOURCE, null));
        }
        return position == null ? reference : (R) reference.withLogCursor(position.into(reference.logCursor()));
    }

    @Override
    public final CompletableFuture<JobResult> result() {
        return result;
    }

    @Override
    public final synchronized String status() {
        String it = object.noun() + " " + object.namespace() + "/" + object.name();
        if (result.isDone() && !result.isCompletedExceptionally()) {
            JobResult r = result.join();
            return it + " finished: " + r.state() + (r.reason() == null ? "" : " (" + r.reason() + ")");
        }
        if (lifecycle.finishing()) {
            return it + " finished, reading the rest of the driver log";
        }
        if (intent != null) {
            return it + " being deleted: " + intent.reason();
        }
        if (lastVerdict == null) {
            return "waiting for " + it + " to appear";
        }
        return it + " " + describe(lastVerdict);
    }

    @Override
    public final CompletableFuture<JobResult> cancel(String why) {
        startDeleting(() -> cancelVerdict(lastObject, why));
        return result;
    }

    @Override
    public final void detach() {
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
                "Stopped following " + object.displayId() + " here; the job itself goes on"));
    }

    // ---- SharedInformers.Listener (shared informer threads)

    @Override
    public final synchronized void changed(T observed) {
        if (lifecycle.finishing() || isReplacement(observed)) {
            return;
        }
        lastObject = observed;
        Instant created = createdAt(observed);
        lifecycle.scheduleTimeouts(created == null ? Instant.now() : created, options, this::startTimedOut, this::runTimedOut);
        V verdict = judge(observed);
        lastVerdict = verdict;
        if (verdict.state() == JobState.RUNNING || verdict.terminal()) {
            started = true;
        }
        if (intent != null) {
            if (verdict.terminal()) {
                finish(ours(observed), false);
            }
            return;
        }
        if (verdict.terminal()) {
            finish(verdict, false);
            return;
        }
        report(verdict);
        observed(observed, verdict);
        if (verdict.state() == JobState.RUNNING) {
            startFollowingLogs();
        }
    }

    @Override
    public final synchronized void deleted(T lastKnown) {
        if (lifecycle.finishing() || isReplacement(lastKnown)) {
            return;
        }
        V before = lastVerdict;
        lastObject = lastKnown;
        finish(intent != null ? ours(lastKnown) : deletedByOthers(lastKnown, before), true);
    }

    @Override
    public final void absent() {
        // The informer may not have seen an object created a moment ago: ask the API server before concluding.
        T now;
        try {
            now = resource().get();
        } catch (KubernetesClientException e) {
            informerFailed(e);
            return;
        }
        if (now != null) {
            changed(now);
            return;
        }
        synchronized (this) {
            if (!lifecycle.finishing()) {
                finish(intent != null ? ours(lastObject) : vanished(lastVerdict), true);
            }
        }
    }

    @Override
    public final void informerFailed(Throwable cause) {
        synchronized (this) {
            if (!lifecycle.finish()) {
                return;
            }
        }
        result.completeExceptionally(new JobException("Cannot follow " + object.noun() + " " + object.displayId() + " on "
                + object.cluster().describe() + ": " + cause.getMessage(), cause));
    }

    /** The shared re-check cannot reach the API: said in the console, and past the limit the outcome is UNKNOWN. */
    @Override
    public final synchronized void unreachable(String problem, Duration since) {
        if (!lifecycle.finishing() && outage.failing(problem, since)) {
            V last = lastVerdict != null ? lastVerdict : vanished(null);
            finish(last.as(JobState.UNKNOWN, "ApiUnreachable", outage.gaveUp(problem)), true);
        }
    }

    @Override
    public final synchronized void reachable(Duration lasted) {
        outage.recovered(lasted);
    }

    // ---- internals (with this watch's lock held unless said otherwise)

    /** Refuses an object that carries our name but not our uid: someone replaced it. */
    private boolean isReplacement(T observed) {
        String uid = observed == null || observed.getMetadata() == null ? null : observed.getMetadata().getUid();
        if (object.uid() == null || uid == null || object.uid().equals(uid)) {
            return false;
        }
        if (lastObject == null && lifecycle.finish()) {
            result.completeExceptionally(new JobException("Refusing to follow " + object.noun() + " " + object.displayId()
                    + ": it has uid " + uid + " but this job created uid " + object.uid() + ", so it was replaced by another "
                    + object.noun() + " of the same name. Check who recreated it; this job's own " + object.noun() + " is gone."));
        }
        return true;
    }

    /** The verdict we intended, with whatever the last observation knew (exit code, times, native state). */
    private V ours(T last) {
        return last == null ? intent : judge(last).as(intent.state(), intent.reason(), intent.message());
    }

    private void startTimedOut() {
        synchronized (this) {
            if (started) {
                return;
            }
        }
        startDeleting(() -> startTimeoutVerdict(lastObject, lastVerdict));
    }

    private void runTimedOut() {
        startDeleting(() -> runTimeoutVerdict(lastObject, lastVerdict));
    }

    /** Not under the lock: deletes the object on the scheduler and reports the verdict once it is gone. */
    private void startDeleting(Supplier<V> verdict) {
        Duration grace = options.cancelGracePeriod();
        synchronized (this) {
            if (lifecycle.finishing() || intent != null) {
                return;
            }
            intent = verdict.get();
            observer.stateChanged(JobState.CANCELLING, intent.message());
            lifecycle.after((grace == null ? DEFAULT_GRACE : grace).plus(DELETE_CONFIRMATION_SLACK), this::deleteUnconfirmed);
        }
        machinery.scheduler().execute(() -> delete(grace, 0));
    }

    /** Not under the lock. A delete that got no answer, was throttled or hit a server error is sent again until the wait runs out. */
    private void delete(Duration grace, int round) {
        boolean gone;
        try {
            List<StatusDetails> deleted = deleteObject(grace);
            gone = deleted == null || deleted.isEmpty();
        } catch (KubernetesClientException e) {
            gone = e.getCode() == 404;
            if (!gone && ConfirmedDelete.isTransient(e)) {
                synchronized (this) {
                    if (lifecycle.finishing()) {
                        return;
                    }
                    if (round == 0) {
                        observer.diagnostic("Could not delete " + object.noun() + " " + object.displayId() + ": "
                                + ConfirmedDelete.describe(e) + "; trying again with backoff.");
                    }
                    lifecycle.after(Duration.ofMillis(ConfirmedDelete.delay(round)), () -> delete(grace, round + 1));
                }
                return;
            }
            if (!gone) {
                synchronized (this) {
                    observer.diagnostic("Could not delete " + object.noun() + " " + object.displayId() + ": " + e.getMessage());
                }
            }
        }
        if (gone) {
            synchronized (this) {
                if (!lifecycle.finishing()) {
                    finish(ours(lastObject), true);
                }
            }
        }
    }

    /**
     * Not under the lock. The wait is over: one direct read, as the informer may have missed the deletion; an
     * object gone, replaced or ended has stopped. Otherwise the driver may still run, and the result says so.
     */
    private void deleteUnconfirmed() {
        T now;
        boolean read;
        try {
            now = resource().get();
            read = true;
        } catch (KubernetesClientException e) {
            now = null;
            read = false;
        }
        boolean gone = read && (now == null || object.uid() != null && now.getMetadata() != null
                && !object.uid().equals(now.getMetadata().getUid()));
        boolean ended = read && !gone && judge(now).terminal();
        synchronized (this) {
            if (lifecycle.finishing() || intent == null) {
                return;
            }
            if (gone || ended) {
                finish(ours(ended ? now : lastObject), gone);
                return;
            }
            cancelUnconfirmed = true;
            String message = intent.message() + " (the " + object.noun() + " had not disappeared yet; it may still be running)";
            finish(intent.state() == JobState.CANCELLED
                    ? ours(lastObject).as(JobState.CANCELLING, JobResult.CANCEL_NOT_CONFIRMED, message)
                    : ours(lastObject).as(intent.state(), intent.reason(), message), false);
        }
    }

    private void report(V verdict) {
        String key = verdict.state() + "|" + verdict.message();
        if (!key.equals(lastReported)) {
            lastReported = key;
            observer.stateChanged(verdict.state(), verdict.message());
        }
    }

    private void startFollowingLogs() {
        if (createFollower()) {
            follower.start();
        }
    }

    /** True when a follower was created (not yet started). */
    private boolean createFollower() {
        if (!options.followLogs() || follower != null) {
            return false;
        }
        follower = new DriverLogFollower(client, object.namespace(), driverPodName(),
                driverReplaced ? null : PodLogPosition.from(reference.logCursor()), this::deliver, observer::diagnostic,
                machinery.scheduler(), machinery.logPolicy());
        return true;
    }

    private void deliver(LogLine line) {
        tail.add(line.text());
        observer.log(line);
    }

    private void finish(V verdict, boolean objectGone) {
        lifecycle.finish();
        CompletableFuture<Void> logs;
        if (!options.followLogs() || objectGone || logUnreachable || follower == null && !driverMayHaveLogged(verdict)) {
            // A deleted object's log is gone with it; a driver that never started wrote none; a lost node serves none.
            if (follower != null) {
                follower.stop();
            }
            logs = CompletableFuture.completedFuture(null);
        } else {
            // podTerminated() starts a new follower itself: starting it first could open its stream before it knew
            // of the termination, so the whole log would be read once without proving it complete and then again
            createFollower();
            follower.podTerminated();
            logs = follower.drained();
        }
        T last = lastObject;
        boolean beingDeleted = last != null && last.getMetadata() != null && last.getMetadata().getDeletionTimestamp() != null;
        boolean asked = intent != null;
        boolean unconfirmed = cancelUnconfirmed;
        logs.whenCompleteAsync((ok, failure) -> {
            JobResult r = result(verdict, last, objectGone, explanation(verdict));
            // only a watch we were asked to stop has a cancel to confirm
            JobResult reported = asked ? r.toBuilder().cancelConfirmed(!unconfirmed).build() : r;
            synchronized (this) {
                observer.stateChanged(reported.state(), reported.message());
            }
            if (!objectGone && !beingDeleted) {
                applyRetention(verdict);
            } else if (!objectGone) {
                synchronized (this) {
                    observer.diagnostic(object.capitalNoun() + " " + object.displayId() + " is already being deleted; retention has nothing to do");
                }
            }
            result.complete(reported);
        }, machinery.scheduler());
    }

    /** Not under the lock: deletes the finished object (and, through owner references, what it owns) if so asked. */
    private void applyRetention(V verdict) {
        Retention retention = options.retention();
        boolean delete = retention == Retention.DELETE || retention == Retention.KEEP_ON_FAILURE && verdict.success();
        String it = object.noun() + " " + object.displayId();
        String line;
        if (!delete) {
            line = "Kept " + it + " (retention " + retention + ")";
        } else {
            try {
                resource().delete();
                line = "Deleted " + it + " (retention " + retention + ")";
            } catch (KubernetesClientException e) {
                line = "Could not delete finished " + it + " (retention " + retention + "): " + e.getMessage();
            }
        }
        synchronized (this) {
            observer.diagnostic(line);
        }
    }

    private synchronized List<String> explanation(V verdict) {
        List<String> lines = new ArrayList<>();
        lines.add(object.capitalNoun() + " " + object.displayId() + ": " + verdict.message());
        explainMore(lines);
        List<String> logTail = tail.lines();
        if (!logTail.isEmpty()) {
            lines.add("Last " + logTail.size() + " driver log lines:");
            logTail.forEach(l -> lines.add("  " + l));
        }
        return lines;
    }
}
