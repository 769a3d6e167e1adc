package io.jenkins.plugins.sparkeks.core.emr;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.time.Duration;
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
 * token, job template, retry policy or Spark SQL driver; requests using them are refused up front.
 */
public final class AckJobRunSubmitter {

    public static final ResourceDefinitionContext JOB_RUN = new ResourceDefinitionContext.Builder()
            .withGroup("emrcontainers.services.k8s.aws").withVersion("v1alpha1").withKind("JobRun")
            .withPlural("jobruns").withNamespaced(true).build();

    private final KubernetesClient client;
    private final String region;

    /**
     * @param client a client for the cluster where the ACK emrcontainers controller runs
     * @param region the controller's AWS region (for the reference)
     */
    public AckJobRunSubmitter(KubernetesClient client, String region) {
        this.client = Objects.requireNonNull(client, "client");
        this.region = Objects.requireNonNull(region, "region");
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
     * Creates the JobRun resource (or finds the one created before under this key) and waits, bounded, for ACK to
     * report the job run id.
     */
    public EmrJobRunReference submit(EmrJobRequest r, SubmissionKey key, String namespace, Duration idTimeout,
            JobObserver observer) {
        validate(r).throwIfInvalid();
        GenericKubernetesResource wanted = resource(r, key, namespace);
        String name = wanted.getMetadata().getName();
        var resources = client.genericKubernetesResources(JOB_RUN).inNamespace(namespace);
        try {
            resources.resource(wanted).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw new JobException("Could not create ACK JobRun " + namespace + "/" + name + ": HTTP " + e.getCode()
                        + (e.getStatus() == null ? "" : " " + e.getStatus().getMessage()), e);
            }
            // created by an earlier attempt under the same key: follow that one
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
        EmrJobRunReference ref = new EmrJobRunReference(region, r.virtualClusterId(), jobRunId(ready), r.name(), null,
                null, r.monitoring().logLocation(), null);
        observer.submitted(ref);
        return ref;
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

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
