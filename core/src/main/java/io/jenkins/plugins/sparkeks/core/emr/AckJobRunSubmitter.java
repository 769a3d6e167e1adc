package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SpecFingerprint;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import io.jenkins.plugins.sparkeks.core.k8s.SubmissionRecords;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Starts an EMR on EKS job run the GitOps way: as an ACK {@code emrcontainers.services.k8s.aws/v1alpha1} JobRun
 * resource, which the ACK controller turns into StartJobRun. The resource's name comes from the submission key,
 * so a repeated submit finds the resource (and run) it created before. Once ACK has written the job run id into
 * the status, the run is followed like any other through {@link EmrBackend#watch}. ACK's JobRun has no client
 * token, job template, retry policy or Spark SQL driver; requests using them are refused up front. Without a client
 * token a re-created resource would be a second run, so what a key started is kept in the namespace's
 * {@link SubmissionRecords}, as for Kubernetes jobs.
 */
public final class AckJobRunSubmitter {

    public static final ResourceDefinitionContext JOB_RUN = new ResourceDefinitionContext.Builder()
            .withGroup("emrcontainers.services.k8s.aws").withVersion("v1alpha1").withKind("JobRun")
            .withPlural("jobruns").withNamespaced(true).build();

    /** The record kind naming what a key created, in records and refusals. */
    static final String RECORD_KIND = "ACK JobRun";
    /** The spec fingerprint on the resource itself, for the time before the key's record is written. */
    static final String FINGERPRINT_ANNOTATION = "spark-on-eks.jenkins.io/spec-fingerprint";

    private final KubernetesClient client;
    private final String region;
    private final SubmissionRecords records;

    /**
     * @param client  a client for the cluster where the ACK emrcontainers controller runs
     * @param region  the controller's AWS region (for the reference)
     * @param records the submission records of that cluster (kept in the JobRun's namespace)
     */
    public AckJobRunSubmitter(KubernetesClient client, String region, SubmissionRecords records) {
        this.client = Objects.requireNonNull(client, "client");
        this.region = Objects.requireNonNull(region, "region");
        this.records = Objects.requireNonNull(records, "records");
    }

    public AckJobRunSubmitter(KubernetesClient client, String region) {
        this(client, region, new SubmissionRecords(client));
    }

    /** The EMR checks plus what ACK's JobRun cannot express. */
    public static Validation validate(EmrJobRequest r) {
        Validation v = EmrJobRequestValidator.validate(r);
        v.check(r.virtualClusterId() != null || r.virtualClusterName() == null, "virtualClusterName",
                "cannot be looked up through an ACK JobRun.", "Give virtualClusterId.");
        v.check(!(r.jobDriver() instanceof EmrJobDriver.SparkSql), "sparkSqlJobDriver",
                "is not supported by the ACK JobRun resource.", "Use a sparkSubmitJobDriver, or submit through the EMR API.");
        v.check(r.jobTemplateId() == null, "jobTemplateId", "is not supported by the ACK JobRun resource.",
                "Give the job's fields directly, or submit through the EMR API.");
        v.check(r.retryMaxAttempts() == null, "retryMaxAttempts", "is not supported by the ACK JobRun resource.",
                "Leave it out, or submit through the EMR API.");
        // ACK unmarshals configurationOverrides into its Go SDK's struct, which drops members it does not know
        // silently; managedLogs (2025) cannot be shown to survive that, so it is refused rather than lost
        v.check(r.monitoring().managedLogs() == null, "allowAwsToRetainLogs",
                "(and managedLogsEncryptionKeyArn) cannot be passed through the ACK JobRun resource.",
                "Leave managed logs at EMR's default, or submit through the EMR API.");
        return v;
    }

    /** The resource's name for a submission key: stable, DNS-1123, 44 characters. */
    public static String resourceName(SubmissionKey key) {
        return "spark-on-eks-" + key.hash(31);
    }

    /**
     * What a submit under a key led to: the run to follow, and its recorded outcome when the key's run already
     * ended and was recorded (then nothing was created and nothing needs to be watched).
     */
    public record Submitted(EmrJobRunReference reference, SubmissionRecords.Outcome recordedOutcome) {
        public Submitted {
            Objects.requireNonNull(reference, "reference");
        }

        /**
         * The key's run as its recorded outcome tells it, or null while none was recorded. The run may still be
         * listed by EMR, but the record is the answer: it holds after EMR forgot the run.
         */
        public JobResult recordedResult() {
            if (recordedOutcome == null) {
                return null;
            }
            return recordedOutcome.applyTo(EmrResults.unknown(reference, null, null, null), "").toBuilder()
                    .explanation(List.of("Outcome recorded at " + recordedOutcome.recordedAt() + " when EMR job run "
                            + reference.displayId() + " ended; this submission key does not start or follow it again,"
                            + " so its driver log is not shown again (see the job run's links)."))
                    .submittedThrough(AckEmrBackend.SUBMITTED_THROUGH)
                    .build();
        }
    }

    /**
     * Creates the JobRun resource (or finds the one created before under this key) and waits, bounded, for ACK to
     * report the job run id. The key's submission record comes first: ACK starts a new run for every JobRun it
     * sees, so once the resource is deleted the record is all that stops a second run, and a different spec under
     * the key is refused before anything is created.
     */
    public Submitted submit(EmrJobRequest r, SubmissionKey key, String namespace, Duration idTimeout,
            JobObserver observer) {
        return submit(r, key, namespace, null, idTimeout, observer);
    }

    /**
     * As {@link #submit(EmrJobRequest, SubmissionKey, String, Duration, JobObserver)}, naming the virtual cluster's
     * namespace in the reference (where the driver pod runs), so that a resume reads the pod's log and finds the
     * JobRun again when it lives in that namespace too.
     */
    public Submitted submit(EmrJobRequest r, SubmissionKey key, String namespace, String runNamespace,
            Duration idTimeout, JobObserver observer) {
        validate(r).throwIfInvalid();
        GenericKubernetesResource wanted = resource(r, key, namespace);
        String name = wanted.getMetadata().getName();
        SpecFingerprint fingerprint = EmrSpecFingerprints.of(r);
        SubmissionRecords.Submission recorded = records.find(namespace, key);
        if (recorded != null) {
            SubmissionRecords.requireSameSpec(recorded, namespace, key, r.name(), fingerprint);
            Submitted earlier = alreadySubmitted(recorded, r, key, namespace, runNamespace, observer);
            if (earlier != null) {
                return earlier;
            }
        }
        var resources = client.genericKubernetesResources(JOB_RUN).inNamespace(namespace);
        GenericKubernetesResource existing = get(namespace, name);
        if (existing != null) {
            requireSameSpec(existing, namespace, key, r.name(), fingerprint);
            observer.diagnostic("ACK JobRun " + namespace + "/" + name
                    + " already exists for this submission; following it instead of submitting again.");
        } else {
            records.sweep(namespace, observer);
            try {
                resources.resource(wanted).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw new JobException("Could not create ACK JobRun " + namespace + "/" + name + ": HTTP " + e.getCode()
                            + (e.getStatus() == null ? "" : " " + e.getStatus().getMessage()), e);
                }
                // a concurrent submit under the same key created it first
                GenericKubernetesResource winner = get(namespace, name);
                if (winner != null) {
                    requireSameSpec(winner, namespace, key, r.name(), fingerprint);
                }
            }
        }
        GenericKubernetesResource ready;
        try {
            ready = resources.withName(name).waitUntilCondition(
                    jr -> jr == null || jobRunId(jr) != null || terminalMessage(jr) != null,
                    idTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientException e) {
            throw new JobException("ACK did not report a job run id for JobRun " + namespace + "/" + name + " within "
                    + EmrJobWatch.human(idTimeout) + "; is the ACK emrcontainers controller running and watching "
                    + namespace + "?", e);
        }
        if (ready == null) {
            throw new JobException("ACK JobRun " + namespace + "/" + name + " was deleted before it started.");
        }
        if (jobRunId(ready) == null) {
            throw new JobException("ACK could not start JobRun " + namespace + "/" + name + ": " + terminalMessage(ready));
        }
        EmrJobRunReference ref = reference(r.virtualClusterId(), jobRunId(ready), r, runNamespace);
        if (recorded == null) {
            // written once the run id is known: a repeat after the resource is gone follows this run, not a new one
            SubmissionRecords.Submission mine = new SubmissionRecords.Submission(RECORD_KIND, name,
                    ready.getMetadata().getUid(), ref.displayId(), r.name(), fingerprint, null);
            SubmissionRecords.requireSameSpec(records.record(namespace, key, mine, observer), namespace, key, r.name(),
                    fingerprint);
        }
        observer.submitted(ref);
        return new Submitted(ref, null);
    }

    /**
     * The key's run as its record knows it: with its outcome when one was recorded, else the recorded run to follow
     * on EMR. Null only for a record without a run id (not written by this class), which the resource answers.
     */
    private Submitted alreadySubmitted(SubmissionRecords.Submission recorded, EmrJobRequest r, SubmissionKey key,
            String namespace, String runNamespace, JobObserver observer) {
        String appId = recorded.appId();
        int slash = appId == null ? -1 : appId.indexOf('/');
        if (slash <= 0 || slash == appId.length() - 1) {
            return null;
        }
        EmrJobRunReference ref = reference(appId.substring(0, slash), appId.substring(slash + 1), r, runNamespace);
        SubmissionRecords.Outcome outcome = records.outcome(namespace, key.hash(32));
        observer.diagnostic("This submission already started EMR job run " + ref.displayId() + " (ACK JobRun " + namespace
                + "/" + recorded.name() + (recorded.createdAt() == null ? "" : ", created " + recorded.createdAt()) + "); "
                + (outcome == null ? "following it instead of submitting again."
                        : "it ended " + outcome.state() + ", reporting its recorded outcome instead of running it again."));
        observer.submitted(ref);
        return new Submitted(ref, outcome);
    }

    /** A JobRun left by a submit that has not recorded yet (still waiting for its id) tells its spec by annotation. */
    private static void requireSameSpec(GenericKubernetesResource existing, String namespace, SubmissionKey key,
            String appName, SpecFingerprint fingerprint) {
        var meta = existing.getMetadata();
        String theirs = meta.getAnnotations() == null ? null : meta.getAnnotations().get(FINGERPRINT_ANNOTATION);
        if (theirs == null || !theirs.matches("[0-9a-f]{" + SpecFingerprint.LENGTH + "}")) {
            return; // created before resources carried their fingerprint: the record written after it decides
        }
        SubmissionRecords.requireSameSpec(new SubmissionRecords.Submission(RECORD_KIND, meta.getName(), meta.getUid(),
                null, specName(existing), new SpecFingerprint(theirs), instant(meta.getCreationTimestamp())),
                namespace, key, appName, fingerprint);
    }

    private GenericKubernetesResource get(String namespace, String name) {
        try {
            return client.genericKubernetesResources(JOB_RUN).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            throw new JobException("Could not read ACK JobRun " + namespace + "/" + name + ": HTTP " + e.getCode()
                    + (e.getCode() == 404 ? "; is the ACK emrcontainers CRD (jobruns.emrcontainers.services.k8s.aws) installed?"
                            : e.getStatus() == null ? "" : " " + e.getStatus().getMessage()), e);
        }
    }

    private EmrJobRunReference reference(String virtualClusterId, String jobRunId, EmrJobRequest r, String runNamespace) {
        return new EmrJobRunReference(region, virtualClusterId, jobRunId, r.name(), null, runNamespace,
                r.monitoring().logLocation(), null);
    }

    /** Deleting the resource makes ACK cancel the run if it is still cancellable. */
    public void delete(SubmissionKey key, String namespace) {
        client.genericKubernetesResources(JOB_RUN).inNamespace(namespace).withName(resourceName(key)).delete();
    }

    static GenericKubernetesResource resource(EmrJobRequest r, SubmissionKey key, String namespace) {
        Map<String, Object> spec = new LinkedHashMap<>();
        put(spec, "name", r.name());
        put(spec, "virtualClusterID", r.virtualClusterId());
        put(spec, "executionRoleARN", r.executionRoleArn());
        put(spec, "releaseLabel", r.releaseLabel());
        EmrJobDriver.SparkSubmit d = (EmrJobDriver.SparkSubmit) r.jobDriver();
        Map<String, Object> driver = new LinkedHashMap<>();
        put(driver, "entryPoint", d.entryPoint());
        if (!d.entryPointArguments().isEmpty()) {
            driver.put("entryPointArguments", d.entryPointArguments());
        }
        put(driver, "sparkSubmitParameters", d.sparkSubmitParameters());
        spec.put("jobDriver", Map.of("sparkSubmitJobDriver", driver));
        String overrides = configurationOverrides(r);
        put(spec, "configurationOverrides", overrides);
        if (!r.tags().isEmpty()) {
            spec.put("tags", r.tags());
        }
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(JOB_RUN.getGroup() + "/" + JOB_RUN.getVersion()).withKind(JOB_RUN.getKind())
                .withNewMetadata().withName(resourceName(key)).withNamespace(namespace)
                .addToLabels(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                .addToLabels(SparkLabels.SUBMISSION_KEY, key.hash(32))
                .addToAnnotations(FINGERPRINT_ANNOTATION, EmrSpecFingerprints.of(r).value())
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    /**
     * ACK keeps configurationOverrides as one JSON/YAML string and unmarshals it into the SDK's struct, whose
     * fields are matched by their PascalCase names (as ACK's own end-to-end tests write them).
     */
    static String configurationOverrides(EmrJobRequest r) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (!r.applicationConfiguration().isEmpty()) {
            o.put("ApplicationConfiguration", configurations(r.applicationConfiguration()));
        }
        EmrMonitoring m = r.monitoring();
        Map<String, Object> mon = new LinkedHashMap<>();
        if (m.persistentAppUI() != null) {
            mon.put("PersistentAppUI", m.persistentAppUI() ? "ENABLED" : "DISABLED");
        }
        if (m.hasCloudWatch()) {
            Map<String, Object> cw = new LinkedHashMap<>();
            cw.put("LogGroupName", m.cloudWatchLogGroup());
            put(cw, "LogStreamNamePrefix", m.cloudWatchLogStreamPrefix());
            mon.put("CloudWatchMonitoringConfiguration", cw);
        }
        if (m.hasS3()) {
            mon.put("S3MonitoringConfiguration", Map.of("LogUri", m.s3LogUri()));
        }
        if (m.logRotationSize() != null) {
            mon.put("ContainerLogRotationConfiguration",
                    Map.of("RotationSize", m.logRotationSize(), "MaxFilesToKeep", m.logRotationMaxFiles()));
        }
        if (!mon.isEmpty()) {
            o.put("MonitoringConfiguration", mon);
        }
        return o.isEmpty() ? null : Serialization.asJson(o);
    }

    private static List<Map<String, Object>> configurations(List<EmrConfiguration> cs) {
        return cs.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Classification", c.classification());
            if (!c.properties().isEmpty()) {
                m.put("Properties", c.properties());
            }
            if (!c.configurations().isEmpty()) {
                m.put("Configurations", configurations(c.configurations()));
            }
            return m;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static String jobRunId(GenericKubernetesResource jr) {
        Object status = jr.getAdditionalProperties().get("status");
        Object id = status instanceof Map<?, ?> s ? ((Map<String, Object>) s).get("id") : null;
        return id instanceof String s && !s.isBlank() ? s : null;
    }

    /** The message of a true {@code ACK.Terminal} condition: ACK gave up (e.g. EMR refused the request). */
    @SuppressWarnings("unchecked")
    private static String terminalMessage(GenericKubernetesResource jr) {
        Object status = jr.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(((Map<String, Object>) s).get("conditions") instanceof List<?> conditions)) {
            return null;
        }
        for (Object c : conditions) {
            if (c instanceof Map<?, ?> cond && "ACK.Terminal".equals(cond.get("type")) && "True".equals(cond.get("status"))) {
                return String.valueOf(cond.get("message"));
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static String specName(GenericKubernetesResource jr) {
        Object spec = jr.getAdditionalProperties().get("spec");
        Object name = spec instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("name") : null;
        return name == null ? null : String.valueOf(name);
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
