package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import io.jenkins.plugins.sparkeks.core.job.SpecFingerprint;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import java.net.HttpURLConnection;
import java.util.Objects;

/**
 * Submits a request as a Spark Operator SparkApplication. Idempotent per {@link SubmissionKey}: the object's name
 * comes from the key, so a second submit finds the first one's application and attaches to it.
 */
public final class SparkApplicationSubmitter {

    private final KubernetesClient client;
    private final ClusterCoordinates cluster;
    private final SparkApplicationFactory builder;
    private final SparkSubmitValidator validator;
    private final SubmissionRecords records;

    public SparkApplicationSubmitter(
            KubernetesClient client, ClusterCoordinates cluster, SparkApplicationFactory builder, SparkSubmitValidator validator) {
        this(client, cluster, builder, validator, new SubmissionRecords(client));
    }

    public SparkApplicationSubmitter(KubernetesClient client, ClusterCoordinates cluster, SparkApplicationFactory builder,
            SparkSubmitValidator validator, SubmissionRecords records) {
        this.records = Objects.requireNonNull(records, "records");
        this.client = Objects.requireNonNull(client, "client");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    public SparkApplicationSubmitter(KubernetesClient client, ClusterCoordinates cluster) {
        this(client, cluster, new SparkApplicationBuilder(), new SparkSubmitValidator());
    }

    public SparkApplicationReference submit(SparkSubmitRequest request, SubmissionKey key, JobObserver observer) {
        validator.validateForSparkApplication(request);
        GenericKubernetesResource app = builder.build(request, key, cluster.region());
        String ns = request.namespace();
        String name = app.getMetadata().getName();
        NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> apps =
                client.genericKubernetesResources(builder.context()).inNamespace(ns);

        SpecFingerprint fingerprint = RequestFingerprints.of(request);
        // the record outlives the application (deleted by someone, or by the operator's timeToLiveSeconds)
        SubmissionRecords.Submission recorded = records.find(ns, key);
        if (recorded != null) {
            SubmissionRecords.requireSameSpec(recorded, ns, key, request.appName(), fingerprint);
        }
        GenericKubernetesResource result;
        try {
            GenericKubernetesResource existing = apps.withName(name).get();
            if (existing != null) {
                result = ours(existing, key, ns);
                observer.diagnostic("SparkApplication " + ns + "/" + name
                        + " already exists for this submission; attaching to it instead of submitting again.");
            } else if (recorded != null) {
                observer.diagnostic("This submission already ran (SparkApplication " + ns + "/" + recorded.name() + ", created "
                        + recorded.createdAt() + ") and the application was removed since; not running it again.");
                SparkApplicationReference ref = new SparkApplicationReference(
                        cluster, ns, recorded.name(), recorded.uid(), key.hash(32), LogCursor.START, apiVersion());
                observer.submitted(ref);
                return ref;
            } else {
                records.sweep(ns, observer);
                result = create(apps, app, key, ns);
                observer.diagnostic("Created SparkApplication " + ns + "/" + name + " (" + builder.context().getGroup() + "/" + builder.context().getVersion() + "); the operator"
                        + " starts its driver " + name + "-driver.");
            }
        } catch (KubernetesClientException e) {
            StringBuilder msg = new StringBuilder("Could not create SparkApplication " + ns + "/" + name + " (HTTP " + e.getCode() + ")");
            String detail = ApiErrors.describe(e);
            if (!detail.isEmpty()) {
                msg.append(": ").append(detail);
            }
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                msg.append(". Is the operator installed (CRD sparkapplications." + builder.context().getGroup() + ", version "
                        + builder.context().getVersion() + ")?");
            } else if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN) {
                msg.append(". kubectl auth can-i create sparkapplications.sparkoperator.k8s.io -n ").append(ns).append(" should say yes.");
            }
            throw new JobException(msg.toString(), e);
        }
        if (recorded == null) {
            SubmissionRecords.Submission mine = new SubmissionRecords.Submission("SparkApplication", name,
                    result.getMetadata().getUid(), null, request.appName(), fingerprint, null);
            SubmissionRecords.requireSameSpec(records.record(ns, key, mine, observer), ns, key, request.appName(), fingerprint);
        }
        SparkApplicationReference ref = new SparkApplicationReference(
                cluster, ns, name, result.getMetadata().getUid(), key.hash(32), LogCursor.START, apiVersion());
        observer.submitted(ref);
        return ref;
    }

    /** Null for the Kubeflow API, so its references read as before the Apache mode existed. */
    private String apiVersion() {
        String v = builder.context().getGroup() + "/" + builder.context().getVersion();
        return v.equals(SparkApplicationReference.KUBEFLOW_API_VERSION) ? null : v;
    }

    private GenericKubernetesResource create(
            NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> apps,
            GenericKubernetesResource app, SubmissionKey key, String ns) {
        try {
            return apps.resource(app).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // a concurrent submit under the same key won the race
            return ours(apps.withName(app.getMetadata().getName()).get(), key, ns);
        }
    }

    private static GenericKubernetesResource ours(GenericKubernetesResource existing, SubmissionKey key, String ns) {
        if (existing == null || !key.hash(32).equals(SparkApplicationBuilder.keyLabel(existing))) {
            String name = existing == null ? "?" : existing.getMetadata().getName();
            throw new JobException("A SparkApplication named " + ns + "/" + name + " exists but was not created for this"
                    + " submission (it lacks the " + SparkLabels.SUBMISSION_KEY + " label); delete it or rename the application.");
        }
        return existing;
    }
}
