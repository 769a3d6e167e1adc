package io.jenkins.plugins.sparkeks.core.k8s.watch;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The driver pod mode: follows one driver pod that we created ourselves. What is its own: the pod is the job,
 * its verdict comes from the driver container ({@link DriverVerdict}), and while the driver waits to start the
 * pod's Kubernetes events and waiting reasons go to the console. Everything else is the shared lifecycle.
 */
public final class DriverPodWatch extends KubernetesJobWatch<Pod, PodVerdict, DriverPodReference> implements DriverPodListener {

    static final int EXPLANATION_EVENTS = 20;

    private final Set<String> diagnosticsSeen = new LinkedHashSet<>();
    private final List<String> events = new ArrayList<>();
    private DriverPodSubscription subscription;
    /** The pod is the driver: its verdict is the mode's own, so a stalled one ends the job as it stands. */
    private final DriverStallCheck<PodVerdict> stall = new DriverStallCheck<>(this, stalled -> stalled);
    /** The last Warning event about the pod while it waited to start: the cause of a start that never comes. */
    private String lastWarning;

    private DriverPodWatch(
            KubernetesClient client, DriverPodReference reference, WaitOptions options, JobObserver observer, WatchMachinery machinery) {
        super(client, reference, new WatchedObject("driver pod", reference.displayId(), reference.cluster(), reference.namespace(),
                reference.podName(), reference.podUid()), options, observer, machinery);
    }

    /** Starts following {@code reference}'s driver pod; the log continues after its cursor. */
    public static DriverPodWatch start(
            KubernetesClient client, DriverPodReference reference, WaitOptions options, JobObserver observer, WatchMachinery machinery) {
        DriverPodWatch watch = new DriverPodWatch(client, reference, options, observer, machinery);
        synchronized (watch) {
            watch.subscription = watch.follow(() -> machinery.informers()
                    .subscribe(client, reference.cluster(), reference.namespace(), reference.podName(), watch));
        }
        return watch;
    }

    // ---- the mode's own

    @Override
    protected PodResource resource() {
        return client().pods().inNamespace(object().namespace()).withName(object().name());
    }

    @Override
    protected List<StatusDetails> deleteObject(Duration grace) {
        return grace == null ? resource().delete() : resource().withGracePeriod(grace.toSeconds()).delete();
    }

    @Override
    protected PodVerdict judge(Pod pod) {
        return DriverVerdict.judge(pod);
    }

    @Override
    protected Instant createdAt(Pod pod) {
        return pod.getMetadata() == null ? null : DriverVerdict.time(pod.getMetadata().getCreationTimestamp());
    }

    @Override
    protected String describe(PodVerdict verdict) {
        String phase = verdict.phase() == null ? verdict.state().name() : verdict.phase();
        return phase + (verdict.reason() == null ? "" : ": " + verdict.reason());
    }

    @Override
    protected PodVerdict cancelVerdict(Pod last, String why) {
        return DriverVerdict.cancelled(last, why);
    }

    @Override
    protected PodVerdict startTimeoutVerdict(Pod last, PodVerdict lastVerdict) {
        return last == null
                ? new PodVerdict(JobState.TIMED_OUT, null, "StartTimeout", "The driver pod did not appear within "
                        + options().startTimeout().toSeconds() + "s", null, null, null, null)
                : DriverVerdict.startTimedOut(last, options().startTimeout(), lastWarning);
    }

    @Override
    protected PodVerdict runTimeoutVerdict(Pod last, PodVerdict lastVerdict) {
        return last == null
                ? new PodVerdict(JobState.TIMED_OUT, null, "RunTimeout", "The job did not finish within "
                        + options().runTimeout().toSeconds() + "s", null, null, null, null)
                : DriverVerdict.runTimedOut(last, options().runTimeout());
    }

    @Override
    protected PodVerdict deletedByOthers(Pod lastKnown, PodVerdict lastVerdict) {
        return DriverVerdict.deleted(lastKnown);
    }

    @Override
    protected PodVerdict vanished(PodVerdict lastVerdict) {
        // nothing was seen of this pod: it may have ended and been removed by retention, so no failure is claimed
        return DriverVerdict.gone();
    }

    @Override
    protected String driverPodName() {
        return object().name();
    }

    @Override
    protected boolean driverMayHaveLogged(PodVerdict verdict) {
        return verdict.startedAt() != null;
    }

    @Override
    protected JobResult result(PodVerdict verdict, Pod last, boolean objectGone, List<String> explanation) {
        return DriverResults.of(initialReference(), verdict, last, explanation);
    }

    @Override
    protected void observed(Pod pod, PodVerdict verdict) {
        waitingDiagnostic(pod);
        subscription.wantEvents(verdict.state() == JobState.SUBMITTED || verdict.state() == JobState.PENDING);
        stall.seen(pod);
    }

    @Override
    protected void explainMore(List<String> lines) {
        if (!events.isEmpty()) {
            lines.add("Pod events:");
            events.forEach(e -> lines.add("  " + e));
        }
    }

    // ---- DriverPodListener (shared informer threads)

    @Override
    public synchronized void podEvent(Event event) {
        if (finishing()) {
            return;
        }
        String line = "Pod event: " + (event.getType() == null ? "" : event.getType() + " ")
                + Objects.toString(event.getReason(), "") + ": " + Objects.toString(event.getMessage(), "").strip();
        if ("Warning".equals(event.getType())) {
            lastWarning = Objects.toString(event.getReason(), "") + ": " + Objects.toString(event.getMessage(), "").strip();
        }
        if (diagnosticsSeen.add(line)) {
            if (events.size() < EXPLANATION_EVENTS) {
                events.add(line);
            }
            observer().diagnostic(line);
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
            observer().diagnostic(line);
        }
    }
}
