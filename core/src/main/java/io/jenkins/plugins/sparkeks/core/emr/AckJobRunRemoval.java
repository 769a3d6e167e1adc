package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.util.Map;
import java.util.Objects;

/**
 * Ends an ACK-started run's JobRun resource the way its owner would: by deleting it. ACK's controller answers the
 * delete with CancelJobRun while the run is still cancellable and then removes its finalizer, so the resource is
 * gone; under a {@code retain} deletion policy, or with the controller down, it cancels nothing (the caller's own
 * CancelJobRun covers that) and the resource waits for the controller. Every step says what became of the resource,
 * in one sentence for the result.
 */
final class AckJobRunRemoval {

    private final KubernetesClient client;

    AckJobRunRemoval(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** What a delete request led to, before it is read back. */
    record Requested(String namespace, String name, String problem) {}

    /** Finds the JobRun that started {@code ref}'s run (by the id ACK wrote into its status) and deletes it. */
    Requested request(EmrJobRunReference ref) {
        if (ref.namespace() == null) {
            return new Requested(null, null, "the reference names no namespace to look for it in");
        }
        GenericKubernetesResource jr;
        try {
            jr = find(client, ref);
        } catch (KubernetesClientException e) {
            return new Requested(ref.namespace(), null, "it could not be looked up: HTTP " + e.getCode());
        }
        if (jr == null) {
            return new Requested(ref.namespace(), null, null);
        }
        String name = jr.getMetadata().getName();
        try {
            client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace(ref.namespace()).withName(name)
                    .delete();
            return new Requested(ref.namespace(), name, null);
        } catch (KubernetesClientException e) {
            return new Requested(ref.namespace(), name, "the delete was refused: HTTP " + e.getCode()
                    + (e.getStatus() == null || e.getStatus().getMessage() == null ? "" : " " + e.getStatus().getMessage()));
        }
    }

    /** One sentence on the resource now, read back from the cluster. */
    String report(Requested q, EmrJobRunReference ref) {
        if (q.name() == null) {
            return q.problem() == null
                    ? "No ACK JobRun for EMR job run " + ref.displayId() + " was left in namespace " + q.namespace()
                            + " (already deleted)."
                    : "The ACK JobRun of EMR job run " + ref.displayId() + " was not deleted: " + q.problem() + ".";
        }
        String what = "ACK JobRun " + q.namespace() + "/" + q.name();
        String manual = " Delete it with: kubectl delete jobruns." + AckJobRunSubmitter.JOB_RUN.getGroup() + " "
                + q.name() + " -n " + q.namespace();
        if (q.problem() != null) {
            return what + " was not deleted: " + q.problem() + "." + manual;
        }
        GenericKubernetesResource now;
        try {
            now = client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN).inNamespace(q.namespace())
                    .withName(q.name()).get();
        } catch (KubernetesClientException e) {
            return what + ": deletion requested; reading it back failed (HTTP " + e.getCode() + ").";
        }
        return now == null ? what + " deleted."
                : what + ": deletion requested, but it is still there, held by its finalizer until the ACK"
                        + " emrcontainers controller handles the delete (is the controller running?).";
    }

    /** The managed JobRun whose status carries {@code ref}'s run id, or null. */
    @SuppressWarnings("unchecked")
    static GenericKubernetesResource find(KubernetesClient client, EmrJobRunReference ref) {
        for (GenericKubernetesResource jr : client.genericKubernetesResources(AckJobRunSubmitter.JOB_RUN)
                .inNamespace(ref.namespace()).withLabel(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                .list().getItems()) {
            Object status = jr.getAdditionalProperties().get("status");
            if (status instanceof Map<?, ?> m && ref.jobRunId().equals(((Map<String, Object>) m).get("id"))) {
                return jr;
            }
        }
        return null;
    }
}
