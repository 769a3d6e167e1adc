package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.impl.BaseClient;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import io.jenkins.plugins.sparkeks.core.job.SpecFingerprint;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Submits a Spark application the way {@code spark-submit --deploy-mode cluster} does: driver pod first, then its
 * Service and {@code spark.properties} ConfigMap owned by the pod, created concurrently with the submission record (they
 * need only its uid). Independent requests never wait for each other: the two reads before the create go together, and
 * the sweep of expired records (at most hourly) runs beside the creates. Idempotent per {@link SubmissionKey}: a driver
 * already created under the key is attached to instead of starting a second one. A failed submit removes what it
 * created (a real cluster's garbage collector would too, but not every API server runs one).
 */
public final class DriverPodSubmitter {

    private final KubernetesClient client;
    private final ClusterCoordinates cluster;
    private final DriverSpecBuilder builder;
    private final SparkSubmitValidator validator;
    private final SubmissionRecords records;

    public DriverPodSubmitter(
            KubernetesClient client, ClusterCoordinates cluster, DriverSpecBuilder builder, SparkSubmitValidator validator) {
        this(client, cluster, builder, validator, new SubmissionRecords(client));
    }

    public DriverPodSubmitter(KubernetesClient client, ClusterCoordinates cluster, DriverSpecBuilder builder,
            SparkSubmitValidator validator, SubmissionRecords records) {
        this.records = Objects.requireNonNull(records, "records");
        this.client = Objects.requireNonNull(client, "client");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    public DriverPodSubmitter(KubernetesClient client, ClusterCoordinates cluster) {
        this(client, cluster, new DriverSpecBuilder(), new SparkSubmitValidator());
    }

    /**
     * Validates, then creates the driver unless one exists for {@code key}; calls {@code observer.submitted} once
     * the driver and its objects exist.
     *
     * @throws io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException before any remote call, on bad input
     * @throws JobException when the cluster refuses or fails; nothing created by this call is left behind
     */
    public DriverPodReference submit(SparkSubmitRequest request, SubmissionKey key, JobObserver observer) {
        validator.validate(request);
        DriverSpec spec = builder.build(request, key, client.getConfiguration().getMasterUrl(), cluster.region());
        String ns = request.namespace();
        SpecFingerprint fingerprint = RequestFingerprints.of(request);
        Executor executor = taskExecutor();

        // The two reads that decide whether this key already ran do not depend on each other: both at once. The
        // record outlives the driver pod, so it is what stops a second run after retention.
        AtomicReference<SubmissionRecords.Submission> recordedRead = new AtomicReference<>();
        AtomicReference<List<Pod>> labelledRead = new AtomicReference<>();
        List<RuntimeException> readFailures = ConcurrentCalls.runAll(executor, List.of(
                () -> recordedRead.set(records.find(ns, key)),
                () -> labelledRead.set(labelledDrivers(ns, key))));
        if (!readFailures.isEmpty()) {
            throw readFailures.get(0);
        }
        SubmissionRecords.Submission recorded = recordedRead.get();
        if (recorded != null) {
            SubmissionRecords.requireSameSpec(recorded, ns, key, request.appName(), fingerprint);
        }
        Pod existing = preferred(labelledRead.get(), spec.names().podName());
        if (existing != null) {
            observer.diagnostic("Driver pod " + ns + "/" + existing.getMetadata().getName()
                    + " already exists for this submission; attaching to it instead of submitting again.");
            repairOwnedObjects(existing, spec);
            if (recorded == null) {
                keepRecord(ns, key, existing, request, fingerprint, observer);
            }
            DriverPodReference ref = reference(existing, key);
            observer.submitted(ref);
            return ref;
        }
        if (recorded != null) {
            observer.diagnostic("This submission already ran (driver pod " + ns + "/" + recorded.name() + ", created "
                    + recorded.createdAt() + ") and its driver pod was removed since; not running it again.");
            DriverPodReference ref = new DriverPodReference(cluster, ns, recorded.name(), recorded.uid(), recorded.appId(),
                    key.hash(32), LogCursor.START);
            observer.submitted(ref);
            return ref;
        }
        // expired records are swept beside the creates, not before them; what the sweep says is said here afterwards
        List<String> sweepSaid = new CopyOnWriteArrayList<>();
        ConcurrentCalls.Call sweep = records.sweepDue(ns)
                ? ConcurrentCalls.start(executor, () -> records.sweep(ns, new JobObserver() {
                    @Override
                    public void diagnostic(String line) {
                        sweepSaid.add(line);
                    }
                }))
                : null;
        try {
            return create(spec, key, request, fingerprint, executor, observer);
        } finally {
            if (sweep != null) {
                sweep.finish();
                sweepSaid.forEach(observer::diagnostic);
            }
        }
    }

    /** Creates the driver pod, then its owned objects and the submission record at once. */
    private DriverPodReference create(DriverSpec spec, SubmissionKey key, SparkSubmitRequest request,
            SpecFingerprint fingerprint, Executor executor, JobObserver observer) {
        String ns = request.namespace();
        Pod created = createPod(spec);
        if (created == null) {
            // A pod of that name exists although none carried our key a moment ago: a concurrent submit under the
            // same key won the race (it owns the driver), or someone else's pod has the name (refused here).
            Pod winner = findDriver(ns, key, spec.names().podName());
            if (winner == null) {
                throw new JobException("Driver pod " + ns + "/" + spec.names().podName()
                        + " was reported as existing but cannot be found; retry the submission.");
            }
            observer.diagnostic("Driver pod " + ns + "/" + spec.names().podName() + " was created concurrently.");
            keepRecord(ns, key, winner, request, fingerprint, observer);
            DriverPodReference ref = reference(winner, key);
            observer.submitted(ref);
            return ref;
        }
        SubmissionRecords.Submission mine = submission(created, request, fingerprint);
        AtomicReference<SubmissionRecords.Submission> kept = new AtomicReference<>();
        createOwnedTogether(spec.ownedByDriver(), created, executor,
                () -> kept.set(records.record(ns, key, mine, observer)), key);
        SubmissionRecords.requireSameSpec(kept.get(), ns, key, request.appName(), fingerprint);
        DriverPodReference ref = reference(created, key);
        observer.diagnostic("Created driver pod " + ns + "/" + created.getMetadata().getName() + " (application "
                + spec.names().appId() + ") with Service " + spec.names().serviceName() + " and ConfigMap "
                + spec.names().configMapName() + (spec.executorTemplateConfigMap() == null ? "" : " and the executor template")
                + (spec.secret() == null ? "" : " and Secret " + spec.secret().getMetadata().getName()) + ".");
        observer.submitted(ref);
        return ref;
    }

    private static SubmissionRecords.Submission submission(Pod driver, SparkSubmitRequest request, SpecFingerprint fingerprint) {
        return new SubmissionRecords.Submission("driver pod", driver.getMetadata().getName(),
                driver.getMetadata().getUid(), driver.getMetadata().getLabels().get(SparkLabels.SPARK_APP_SELECTOR),
                request.appName(), fingerprint, null);
    }

    /** Records what {@code key} created; a concurrent submit's different spec under the key is refused here. */
    private void keepRecord(String ns, SubmissionKey key, Pod driver, SparkSubmitRequest request, SpecFingerprint fingerprint,
            JobObserver observer) {
        SubmissionRecords.Submission mine = submission(driver, request, fingerprint);
        SubmissionRecords.requireSameSpec(records.record(ns, key, mine, observer), ns, key, request.appName(), fingerprint);
    }

    /** Driver pods labelled with {@code key}. */
    private List<Pod> labelledDrivers(String ns, SubmissionKey key) {
        try {
            return client.pods().inNamespace(ns)
                    .withLabel(SparkLabels.SUBMISSION_KEY, key.hash(32))
                    .withLabel(SparkLabels.SPARK_ROLE, SparkLabels.ROLE_DRIVER)
                    .list().getItems();
        } catch (KubernetesClientException e) {
            throw failure("list pods in namespace " + ns, "list pod", ns, e);
        }
    }

    /** Of the drivers labelled with the key, the one with the expected name, else the first by name; null if none. */
    private static Pod preferred(List<Pod> labelled, String podName) {
        return labelled.stream()
                .min(Comparator.comparing((Pod p) -> !podName.equals(p.getMetadata().getName()))
                        .thenComparing(p -> p.getMetadata().getName()))
                .orElse(null);
    }

    /** The driver already created under {@code key}: by label first, then by its deterministic name. */
    private Pod findDriver(String ns, SubmissionKey key, String podName) {
        Pod labelled = preferred(labelledDrivers(ns, key), podName);
        if (labelled != null) {
            return labelled;
        }
        Pod sameName;
        try {
            sameName = client.pods().inNamespace(ns).withName(podName).get();
        } catch (KubernetesClientException e) {
            throw failure("read pod " + ns + "/" + podName, "get pod", ns, e);
        }
        if (sameName != null) {
            throw new JobException("A pod named " + ns + "/" + podName + " exists but was not created for this submission"
                    + " (it lacks the " + SparkLabels.SUBMISSION_KEY + " label); delete it or rename the application.");
        }
        return null;
    }

    /** Creates the driver pod; null when a pod of that name exists already (the API server's conflict). */
    private Pod createPod(DriverSpec spec) {
        String ns = spec.pod().getMetadata().getNamespace();
        try {
            return client.pods().inNamespace(ns).resource(spec.pod()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return null;
            }
            throw failure("create driver pod " + ns + "/" + spec.names().podName(), "create pod", ns, e);
        }
    }

    /**
     * Creates the objects owned by the driver and writes the submission record at the same time: they depend on the
     * pod's uid only, not on each other. Every call is waited for before a failure is handled, so the clean-up sees
     * everything that was made; the record goes too, or a retry after the failure would be taken for a repeat.
     */
    private void createOwnedTogether(List<HasMetadata> owned, Pod driver, Executor executor, Runnable record,
            SubmissionKey key) {
        List<HasMetadata> made = new CopyOnWriteArrayList<>();
        List<Runnable> calls = new ArrayList<>();
        for (HasMetadata object : owned) {
            calls.add(() -> made.add(createOwned(object, driver)));
        }
        calls.add(record);
        List<RuntimeException> failures = ConcurrentCalls.runAll(executor, calls);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            JobException failure = first instanceof JobException j ? j
                    : new JobException("Could not create the driver's Service and ConfigMap: " + first.getClass().getSimpleName(), first);
            List<HasMetadata> toDelete = new ArrayList<>();
            toDelete.add(driver);
            toDelete.addAll(made);
            deleteQuietly(toDelete, failure);
            deleteRecordQuietly(driver, key, failure);
            throw failure;
        }
    }

    /** Removes the submission record written for {@code driver} after a failed submit; another submit's stays. */
    private void deleteRecordQuietly(Pod driver, SubmissionKey key, JobException failure) {
        String ns = driver.getMetadata().getNamespace();
        try {
            SubmissionRecords.Submission written = records.find(ns, key);
            if (written != null && Objects.equals(written.uid(), driver.getMetadata().getUid())) {
                client.configMaps().inNamespace(ns).withName(SubmissionRecords.submissionName(key.hash(32))).delete();
            }
        } catch (RuntimeException e) {
            failure.addSuppressed(new JobException("could not remove the submission record of the failed submit in " + ns));
        }
    }

    /** The executor the client already runs its own tasks on (bounded when built by ClusterConnector). */
    private Executor taskExecutor() {
        if (client instanceof BaseClient base && base.getExecutor() != null) {
            return base.getExecutor();
        }
        return Runnable::run; // a client of another kind: one after another, as before
    }

    /** Creates an object owned by the driver pod; a same-named leftover of an earlier attempt is replaced. */
    private HasMetadata createOwned(HasMetadata object, Pod owner) {
        String ns = owner.getMetadata().getNamespace();
        String kind = object.getKind();
        object.getMetadata().setOwnerReferences(List.of(ownerReference(owner)));
        String what = kind + " " + ns + "/" + object.getMetadata().getName();
        try {
            return client.resource(object).inNamespace(ns).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw failure("create " + what, "create " + kind.toLowerCase(Locale.ROOT), ns, e);
            }
        }
        try {
            client.resource(object).inNamespace(ns).withTimeoutInMillis(10_000).delete();
            return client.resource(object).inNamespace(ns).create();
        } catch (KubernetesClientException e) {
            throw failure("replace leftover " + what, "delete " + kind.toLowerCase(Locale.ROOT), ns, e);
        }
    }

    /** An attached driver whose Service or ConfigMaps are missing (a crash mid-submit) gets them created now. */
    private void repairOwnedObjects(Pod driver, DriverSpec spec) {
        String ns = driver.getMetadata().getNamespace();
        if (!Objects.equals(driver.getMetadata().getName(), spec.names().podName())) {
            return;
        }
        for (HasMetadata owned : spec.ownedByDriver()) {
            HasMetadata current;
            try {
                current = client.resource(owned).inNamespace(ns).get();
            } catch (KubernetesClientException e) {
                throw failure("read " + owned.getKind() + " " + ns + "/" + owned.getMetadata().getName(),
                        "get " + owned.getKind().toLowerCase(Locale.ROOT), ns, e);
            }
            if (current == null) {
                createOwned(owned, driver);
            }
        }
    }

    private void deleteQuietly(List<HasMetadata> made, JobException failure) {
        // the pod first: it is what starts running
        for (HasMetadata m : made) {
            try {
                client.resource(m).inNamespace(m.getMetadata().getNamespace()).delete();
            } catch (RuntimeException e) {
                failure.addSuppressed(new JobException("could not delete " + m.getKind() + " "
                        + m.getMetadata().getNamespace() + "/" + m.getMetadata().getName() + " after the failed submit"));
            }
        }
    }

    private DriverPodReference reference(Pod pod, SubmissionKey key) {
        return new DriverPodReference(cluster, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                pod.getMetadata().getUid(), pod.getMetadata().getLabels().get(SparkLabels.SPARK_APP_SELECTOR),
                key.hash(32), LogCursor.START);
    }

    private static OwnerReference ownerReference(Pod pod) {
        return new OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("Pod")
                .withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid())
                .withController(true)
                .build();
    }

    /** A message naming the step and, for refusals, the RBAC check to run; the server's text with values cut. */
    private JobException failure(String step, String verb, String ns, KubernetesClientException e) {
        StringBuilder msg = new StringBuilder("Could not ").append(step).append(" on the cluster");
        if (e.getCode() > 0) {
            msg.append(" (HTTP ").append(e.getCode()).append(')');
        } else {
            // no answer at all: the endpoint is what the user has to check
            msg.append(": the API server at ").append(client.getMasterUrl()).append(" could not be reached");
        }
        String detail = ApiErrors.describe(e);
        if (!detail.isEmpty()) {
            msg.append(": ").append(detail);
        }
        if (e.getCode() == HttpURLConnection.HTTP_FORBIDDEN || e.getCode() == HttpURLConnection.HTTP_UNAUTHORIZED) {
            msg.append(". Check that the identity used has the right: kubectl auth can-i ").append(verb)
                    .append(" -n ").append(ns).append(" should say yes.");
        } else {
            msg.append('.');
        }
        return new JobException(msg.toString(), e);
    }
}
