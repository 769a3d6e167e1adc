package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPodListener;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverPodSubscription;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverStallCheck;
import io.jenkins.plugins.sparkeks.core.k8s.watch.DriverVerdict;
import io.jenkins.plugins.sparkeks.core.k8s.watch.PodVerdict;
import io.jenkins.plugins.sparkeks.core.k8s.watch.KubernetesJobWatch;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchedObject;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The operator modes: follows one SparkApplication. What is their own: the verdict comes from the operator's
 * states (Kubeflow's {@code applicationState}, {@link ApplicationVerdict}; Apache's {@code currentState},
 * {@link ApacheVerdict}), read through the reference's {@link OperatorDialect}; the operator starts the driver pod
 * whose log we follow and whose exit code the result adds, and deleting the application makes the operator
 * remove its pods. Everything else is the shared lifecycle.
 */
final class SparkApplicationWatch extends KubernetesJobWatch<GenericKubernetesResource, ApplicationVerdict, SparkApplicationReference> {

    /** Kubeflow states (v2.4+) in which the driver that ran is gone and a resume will start another. */
    private static final Set<String> DRIVER_REPLACED = Set.of("SUSPENDED", "RESUMING");

    private final OperatorDialect dialect;
    /** The stall rule for the operator's driver pod: a lost node ends the job by deleting the SparkApplication. */
    private final DriverStallCheck<ApplicationVerdict> stall = new DriverStallCheck<>(this,
            stalled -> ended(lastObject(), stalled.state(), stalled.reason(), stalled.message()));
    /** The driver pod followed for the stall rule, and its subscription; null until the driver is named. */
    private String followedDriver;
    private DriverPodSubscription driverSubscription;
    /** The console was told the driver is STALLED: the operator's RUNNING is its last word, not proof the driver runs. */
    private boolean saidStalled;

    private SparkApplicationWatch(KubernetesClient client, SparkApplicationReference reference, WaitOptions options,
            JobObserver observer, WatchMachinery machinery) {
        super(client, reference, new WatchedObject("SparkApplication", reference.displayId(), reference.cluster(),
                reference.namespace(), reference.name(), reference.uid()), options, observer, machinery);
        this.dialect = OperatorDialect.of(OperatorApi.of(reference.apiVersion()));
    }

    static SparkApplicationWatch start(KubernetesClient client, SparkApplicationReference reference, WaitOptions options,
            JobObserver observer, SparkApplicationInformers informers, WatchMachinery machinery) {
        SparkApplicationWatch watch = new SparkApplicationWatch(client, reference, options, observer, machinery);
        synchronized (watch) {
            watch.follow(() -> informers.subscribe(watch.dialect.api(), client, reference.cluster(), reference.namespace(),
                    reference.name(), watch));
        }
        return watch;
    }

    /** With the lock held: a driver pod showing a lost node reads as STALLED, whatever the operator still says. */
    private void sayStalled(Pod pod) {
        PodVerdict driver = DriverVerdict.judge(pod);
        boolean stalled = driver.state() == JobState.STALLED;
        if (stalled && !saidStalled) {
            observer().stateChanged(JobState.STALLED, driver.message());
        }
        saidStalled = stalled;
    }

    @Override
    protected void observed(GenericKubernetesResource app, ApplicationVerdict verdict) {
        if (DRIVER_REPLACED.contains(verdict.nativeState())) {
            // Kubeflow's suspend deleted the driver; on resume the operator starts a new pod, likely of the same name
            driverReplaced();
        }
        followDriverPod();
    }

    /**
     * Follows the driver pod the operator's status names, for the stall rule: the operator may not notice a lost
     * node for a long time, if ever. A new name (a driver recreated on resume) replaces the subscription.
     */
    private void followDriverPod() {
        ApplicationStatus status = lastStatus();
        String podName = status == null ? null : status.driverPod();
        if (podName == null || podName.equals(followedDriver)) {
            return;
        }
        if (driverSubscription != null) {
            driverSubscription.close();
        }
        followedDriver = podName;
        driverSubscription = follow(() -> machinery().informers().subscribe(client(), object().cluster(), object().namespace(),
                podName, new DriverPodListener() {
                    @Override
                    public void changed(Pod pod) {
                        synchronized (SparkApplicationWatch.this) {
                            if (!finishing() && podName.equals(followedDriver)) {
                                stall.seen(pod);
                                sayStalled(pod);
                            }
                        }
                    }

                    @Override
                    public void deleted(Pod lastKnown) {
                        // the operator reports what a deleted driver means for the application
                    }

                    @Override
                    public void absent() {
                        // not created yet, or already removed: the application's state says which
                    }

                    @Override
                    public void informerFailed(Throwable cause) {
                        synchronized (SparkApplicationWatch.this) {
                            observer().diagnostic("Cannot follow driver pod " + podName + " for stalls: " + cause.getMessage());
                        }
                    }

                    @Override
                    public void podEvent(Event event) {
                        // events are not asked for: the application's state explains a driver that does not start
                    }
                }));
    }

    @Override
    protected Resource<GenericKubernetesResource> resource() {
        return client().genericKubernetesResources(dialect.api().context())
                .inNamespace(object().namespace()).withName(object().name());
    }

    @Override
    protected ApplicationVerdict judge(GenericKubernetesResource app) {
        return dialect.judge(app);
    }

    @Override
    protected Instant createdAt(GenericKubernetesResource app) {
        return dialect.status(app).createdAt();
    }

    @Override
    protected String describe(ApplicationVerdict verdict) {
        return verdict.nativeState().isEmpty() ? "(no state yet)" : verdict.nativeState();
    }

    @Override
    protected ApplicationVerdict cancelVerdict(GenericKubernetesResource last, String why) {
        return ended(last, JobState.CANCELLED, "Cancelled",
                "Cancelled" + (why == null || why.isBlank() ? "" : ": " + why) + ". The SparkApplication was deleted.");
    }

    @Override
    protected ApplicationVerdict startTimeoutVerdict(GenericKubernetesResource last, ApplicationVerdict lastVerdict) {
        String state = lastVerdict == null ? null : lastVerdict.nativeState();
        return ended(last, JobState.TIMED_OUT, "StartTimeout", "The driver did not start within "
                + options().startTimeout().toSeconds() + "s" + (state == null || state.isEmpty() ? "" : " (operator state " + state + ")")
                + ". The SparkApplication was deleted.");
    }

    @Override
    protected ApplicationVerdict runTimeoutVerdict(GenericKubernetesResource last, ApplicationVerdict lastVerdict) {
        return ended(last, JobState.TIMED_OUT, "RunTimeout", "The job did not finish within "
                + options().runTimeout().toSeconds() + "s. The SparkApplication was deleted.");
    }

    @Override
    protected ApplicationVerdict deletedByOthers(GenericKubernetesResource lastKnown, ApplicationVerdict lastVerdict) {
        String was = lastVerdict == null || lastVerdict.nativeState().isEmpty() ? "" : " (it was " + lastVerdict.nativeState() + ")";
        return ApplicationVerdict.ended(JobState.FAILED, lastVerdict == null ? null : lastVerdict.nativeState(),
                "SparkApplicationDeleted", "The SparkApplication was deleted by someone else before the job ended" + was);
    }

    @Override
    protected ApplicationVerdict vanished(ApplicationVerdict lastVerdict) {
        return deletedByOthers(null, lastVerdict);
    }

    @Override
    protected String driverPodName() {
        ApplicationStatus status = lastStatus();
        return status != null && status.driverPod() != null ? status.driverPod() : initialReference().driverPodName();
    }

    @Override
    protected boolean driverMayHaveLogged(ApplicationVerdict verdict) {
        ApplicationStatus status = lastStatus();
        return status != null && status.driverPod() != null;
    }

    @Override
    protected JobResult result(ApplicationVerdict verdict, GenericKubernetesResource last, boolean objectGone, List<String> explanation) {
        ApplicationStatus status = last == null ? null : dialect.status(last);
        String podName = status != null && status.driverPod() != null ? status.driverPod() : initialReference().driverPodName();
        Pod driver = objectGone ? null : readDriver(podName);
        if (driver == null && last != null) {
            // released with the application's resources: the operator's last record of it still has the exit code
            driver = RecordedDriver.pod(podName, dialect.recordedDriver(last));
        }
        return OperatorResults.of(initialReference(), verdict, status, driver, explanation);
    }

    private ApplicationStatus lastStatus() {
        return lastObject() == null ? null : dialect.status(lastObject());
    }

    /** Our own ending, keeping the operator state it was last seen in. */
    private ApplicationVerdict ended(GenericKubernetesResource last, JobState state, String reason, String message) {
        return ApplicationVerdict.ended(state, last == null ? null : dialect.status(last).state(), reason, message);
    }

    /** The driver pod adds its exit code and reason; it may already be gone, which is fine. */
    private Pod readDriver(String podName) {
        try {
            return client().pods().inNamespace(object().namespace()).withName(podName).get();
        } catch (KubernetesClientException e) {
            return null;
        }
    }
}
