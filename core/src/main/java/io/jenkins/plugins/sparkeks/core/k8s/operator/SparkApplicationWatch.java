package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationBuilder;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import io.jenkins.plugins.sparkeks.core.k8s.watch.KubernetesJobWatch;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchMachinery;
import io.jenkins.plugins.sparkeks.core.k8s.watch.WatchedObject;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.time.Instant;
import java.util.List;

/**
 * The Kubeflow Spark Operator mode: follows one SparkApplication. What is its own: the verdict comes from the
 * operator's {@code applicationState} ({@link ApplicationVerdict}), the operator names the driver pod whose log
 * we follow and whose exit code the result adds, and deleting the application makes the operator remove its
 * pods. Everything else is the shared lifecycle.
 */
final class SparkApplicationWatch extends KubernetesJobWatch<GenericKubernetesResource, ApplicationVerdict, SparkApplicationReference> {

    private SparkApplicationWatch(KubernetesClient client, SparkApplicationReference reference, WaitOptions options,
            JobObserver observer, WatchMachinery machinery) {
        super(client, reference, new WatchedObject("SparkApplication", reference.displayId(), reference.cluster(),
                reference.namespace(), reference.name(), reference.uid()), options, observer, machinery);
    }

    static SparkApplicationWatch start(KubernetesClient client, SparkApplicationReference reference, WaitOptions options,
            JobObserver observer, SparkApplicationInformers informers, WatchMachinery machinery) {
        SparkApplicationWatch watch = new SparkApplicationWatch(client, reference, options, observer, machinery);
        watch.follow(() -> informers.subscribe(client, reference.cluster(), reference.namespace(), reference.name(), watch));
        return watch;
    }

    @Override
    protected Resource<GenericKubernetesResource> resource() {
        return client().genericKubernetesResources(SparkApplicationBuilder.CONTEXT)
                .inNamespace(object().namespace()).withName(object().name());
    }

    @Override
    protected ApplicationVerdict judge(GenericKubernetesResource app) {
        return ApplicationVerdict.judge(ApplicationStatus.of(app));
    }

    @Override
    protected Instant createdAt(GenericKubernetesResource app) {
        return ApplicationStatus.of(app).createdAt();
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
        ApplicationStatus status = last == null ? null : ApplicationStatus.of(last);
        String podName = status != null && status.driverPod() != null ? status.driverPod() : initialReference().driverPodName();
        Pod driver = objectGone ? null : readDriver(podName);
        return OperatorResults.of(initialReference(), verdict, status, driver, explanation);
    }

    private ApplicationStatus lastStatus() {
        return lastObject() == null ? null : ApplicationStatus.of(lastObject());
    }

    /** Our own ending, keeping the operator state it was last seen in. */
    private ApplicationVerdict ended(GenericKubernetesResource last, JobState state, String reason, String message) {
        return ApplicationVerdict.ended(state, last == null ? null : ApplicationStatus.of(last).state(), reason, message);
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
