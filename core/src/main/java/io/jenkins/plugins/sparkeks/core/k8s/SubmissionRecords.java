package io.jenkins.plugins.sparkeks.core.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobObserver;
import io.jenkins.plugins.sparkeks.core.job.SpecFingerprint;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable memory of each submission key in a namespace, kept in two small immutable ConfigMaps that outlive the
 * job's own objects: {@code spark-on-eks-submission-<key hash>} (written right after the driver pod or
 * SparkApplication was created: what was asked for and what was created) and {@code spark-on-eks-outcome-<key hash>}
 * (written when the job's verdict is known). With them a repeat under the same key after retention removed the job
 * reports the recorded outcome instead of running the job again, and a different spec under the key is refused.
 * Immutable objects need only the create, get and delete rights the submitter already has; the sweep of expired
 * records also needs list, and is skipped with one diagnostic without it.
 */
public final class SubmissionRecords {

    /** How long a record is kept after it was written; after that the key is free again. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    public static final String RECORD_LABEL = "spark-on-eks.jenkins.io/record";
    static final String EXPIRES = "spark-on-eks.jenkins.io/expires-at";
    private static final int SWEEP_LIMIT = 50;
    /**
     * How often one process sweeps a namespace. The sweep lists every record there, so running it on every submission
     * made each submission slower as records piled up; records live for days, so an hour's delay frees nothing late.
     */
    public static final Duration SWEEP_INTERVAL = Duration.ofHours(1);
    /** When this process last swept each (API server, namespace); shared by every backend instance in it. */
    private static final Map<String, Instant> LAST_SWEEP = new ConcurrentHashMap<>();

    /** What was created under a key. */
    public record Submission(String kind, String name, String uid, String appId, String appName,
            SpecFingerprint fingerprint, Instant createdAt) {
        public Submission {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** How the job under a key ended, as its watch judged it. */
    public record Outcome(JobState state, Integer exitCode, String reason, String message, String nativeState,
            Instant submittedAt, Instant startedAt, Instant finishedAt, Instant recordedAt) {
        public Outcome {
            Objects.requireNonNull(state, "state");
        }

        /** Worth keeping: a real end, not an unknown one or a cancel that was never confirmed. */
        public static boolean recordable(JobResult r) {
            return r != null && r.state().isTerminal() && r.state() != JobState.UNKNOWN;
        }

        /** {@code base} (the backend's result for a job whose objects are gone) with the recorded end. */
        public JobResult applyTo(JobResult base, String objectDescription) {
            String said = "The job ended " + state + (reason == null ? "" : " (" + reason + ")")
                    + (exitCode == null ? "" : " with driver exit code " + exitCode) + "; this is its recorded outcome";
            return base.toBuilder().state(state).exitCode(exitCode).reason(reason).message(message != null ? message : said)
                    .nativeState(nativeState).submittedAt(submittedAt).startedAt(startedAt).finishedAt(finishedAt)
                    .explanation(List.of("Outcome recorded at " + recordedAt + " when the job ended; " + objectDescription
                            + " was removed since, so this is the recorded verdict and the driver log cannot be shown again."))
                    .build();
        }
    }

    private final KubernetesClient client;
    private final Duration lifetime;
    private final Clock clock;

    public SubmissionRecords(KubernetesClient client, Duration lifetime, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SubmissionRecords(KubernetesClient client) {
        this(client, DEFAULT_LIFETIME, Clock.systemUTC());
    }

    public static String submissionName(String keyHash) {
        return "spark-on-eks-submission-" + keyHash;
    }

    public static String outcomeName(String keyHash) {
        return "spark-on-eks-outcome-" + keyHash;
    }

    /** The submission recorded under the key in {@code namespace}, or null. */
    public Submission find(String namespace, SubmissionKey key) {
        ConfigMap cm = get(namespace, submissionName(key.hash(32)));
        if (cm == null) {
            return null;
        }
        Map<String, String> d = cm.getData() == null ? Map.of() : cm.getData();
        return new Submission(d.getOrDefault("kind", "?"), d.getOrDefault("name", "?"), d.get("uid"), d.get("appId"),
                d.get("appName"), new SpecFingerprint(d.getOrDefault("fingerprint", "0000000000000000")), instant(d.get("createdAt")));
    }

    /**
     * Refuses a spec other than the one the key was first used for, naming both: a key runs one job, and
     * attaching a different application to that job's outcome would report the wrong job.
     */
    public static void requireSameSpec(Submission recorded, String namespace, SubmissionKey key, String appName,
            SpecFingerprint fingerprint) {
        if (recorded.fingerprint().equals(fingerprint)) {
            return;
        }
        throw new JobException("Submission key '" + key.value() + "' was already used in namespace " + namespace
                + " for application '" + recorded.appName() + "' (spec fingerprint " + recorded.fingerprint() + ", "
                + recorded.kind() + " " + recorded.name() + (recorded.createdAt() == null ? "" : ", created " + recorded.createdAt())
                + "), but this request is application '" + appName + "' (spec fingerprint " + fingerprint
                + "). A submission key runs exactly one job: repeat the first request unchanged to get its outcome, or use a new key.");
    }

    /**
     * Writes the submission record; when one already exists (a concurrent submit) it is returned instead, to be
     * compared by the caller. A failure to write is not fatal to the job already created: it is reported and the
     * job keeps its driver-pod-by-label protection.
     */
    public Submission record(String namespace, SubmissionKey key, Submission s, JobObserver observer) {
        String hash = key.hash(32);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("kind", s.kind());
        data.put("name", s.name());
        put(data, "uid", s.uid());
        put(data, "appId", s.appId());
        put(data, "appName", s.appName());
        data.put("fingerprint", s.fingerprint().value());
        data.put("createdAt", String.valueOf(s.createdAt() == null ? clock.instant() : s.createdAt()));
        try {
            create(namespace, submissionName(hash), hash, "submission", data);
            return s;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                Submission other = find(namespace, key);
                return other == null ? s : other;
            }
            observer.diagnostic("Could not record submission " + submissionName(hash) + " in namespace " + namespace
                    + " (HTTP " + e.getCode() + "): a repeat of this key after the driver is removed could not be"
                    + " recognised. kubectl auth can-i create configmaps -n " + namespace + " should say yes.");
            return s;
        }
    }

    /** The recorded outcome of the key's job, or null (none yet, or it could not be read). */
    public Outcome outcome(String namespace, String keyHash) {
        ConfigMap cm;
        try {
            cm = get(namespace, outcomeName(keyHash));
        } catch (JobException e) {
            return null;
        }
        if (cm == null || cm.getData() == null) {
            return null;
        }
        Map<String, String> d = cm.getData();
        return new Outcome(JobState.valueOf(d.get("state")), d.get("exitCode") == null ? null : Integer.valueOf(d.get("exitCode")),
                d.get("reason"), null, d.get("nativeState"), instant(d.get("submittedAt")),
                instant(d.get("startedAt")), instant(d.get("finishedAt")), instant(d.get("recordedAt")));
    }

    /** Best effort: keeps {@code result} as the key's outcome when it is a real end. Never throws. */
    public void recordOutcome(String namespace, String keyHash, JobResult result) {
        if (!Outcome.recordable(result)) {
            return;
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("state", result.state().name());
        put(data, "exitCode", result.exitCode() == null ? null : result.exitCode().toString());
        put(data, "reason", result.reason());
        // never the message: a driver's termination message may quote anything, secrets included
        put(data, "nativeState", result.nativeState());
        put(data, "submittedAt", result.submittedAt() == null ? null : result.submittedAt().toString());
        put(data, "startedAt", result.startedAt() == null ? null : result.startedAt().toString());
        put(data, "finishedAt", result.finishedAt() == null ? null : result.finishedAt().toString());
        data.put("recordedAt", clock.instant().toString());
        try {
            create(namespace, outcomeName(keyHash), keyHash, "outcome", data);
        } catch (RuntimeException e) {
            // a second watch of the same job recorded it first, or the API is away: the submission record still
            // stops a second run, and describe reports the job as unknown instead of a guess
        }
    }

    /**
     * Whether {@code namespace} is due for a {@link #sweep}: true for the first caller in this process and then at
     * most once per {@link #SWEEP_INTERVAL}, so concurrent submissions do not each list every record.
     */
    public boolean sweepDue(String namespace) {
        Instant now = clock.instant();
        boolean[] due = new boolean[1];
        LAST_SWEEP.compute(client.getMasterUrl() + " " + namespace, (where, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(SWEEP_INTERVAL));
            return due[0] ? now : last;
        });
        return due[0];
    }

    /**
     * Deletes records of this namespace past their expiry (at most {@value #SWEEP_LIMIT} per call). Returns how many
     * were deleted; without the list right it says so once through {@code observer} and deletes nothing.
     */
    public int sweep(String namespace, JobObserver observer) {
        List<ConfigMap> all;
        try {
            all = client.configMaps().inNamespace(namespace).withLabel(RECORD_LABEL).list().getItems();
        } catch (KubernetesClientException e) {
            observer.diagnostic("Could not list expired submission records in namespace " + namespace + " (HTTP " + e.getCode()
                    + "); they are left in place. kubectl auth can-i list configmaps -n " + namespace + " should say yes.");
            return 0;
        }
        // a key's records go together, once the newest of them has expired
        Map<String, Instant> newestExpiry = new HashMap<>();
        for (ConfigMap cm : all) {
            String key = label(cm, SparkLabels.SUBMISSION_KEY);
            Instant exp = instant(annotation(cm, EXPIRES));
            newestExpiry.merge(key == null ? "" : key, exp == null ? Instant.MAX : exp, (a, b) -> a.isAfter(b) ? a : b);
        }
        Instant now = clock.instant();
        List<ConfigMap> expired = new ArrayList<>();
        for (ConfigMap cm : all) {
            String key = label(cm, SparkLabels.SUBMISSION_KEY);
            if (key != null && newestExpiry.get(key).isBefore(now) && expired.size() < SWEEP_LIMIT) {
                expired.add(cm);
            }
        }
        int deleted = 0;
        for (ConfigMap cm : expired) {
            try {
                client.configMaps().inNamespace(namespace).withName(cm.getMetadata().getName()).delete();
                deleted++;
            } catch (KubernetesClientException e) {
                // the next sweep tries again
            }
        }
        return deleted;
    }

    private void create(String namespace, String name, String keyHash, String role, Map<String, String> data) {
        ConfigMap cm = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels(SparkLabels.MANAGED_BY, SparkLabels.MANAGED_BY_VALUE)
                .addToLabels(SparkLabels.SUBMISSION_KEY, keyHash)
                .addToLabels(RECORD_LABEL, role)
                .addToAnnotations(EXPIRES, clock.instant().plus(lifetime).toString())
                .endMetadata()
                .withImmutable(true)
                .withData(data)
                .build();
        client.configMaps().inNamespace(namespace).resource(cm).create();
    }

    private ConfigMap get(String namespace, String name) {
        try {
            return client.configMaps().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            StringBuilder msg = new StringBuilder("Could not read submission record ").append(namespace).append('/').append(name);
            if (e.getCode() > 0) {
                msg.append(" (HTTP ").append(e.getCode()).append(')');
            } else {
                // no answer at all: the endpoint is what the user has to check
                msg.append(": the API server at ").append(client.getMasterUrl()).append(" could not be reached");
            }
            String detail = io.jenkins.plugins.sparkeks.core.k8s.submit.ApiErrors.describe(e);
            if (!detail.isEmpty()) {
                msg.append(": ").append(detail);
            }
            msg.append(e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
                    ? ". kubectl auth can-i get configmaps -n " + namespace + " should say yes." : ".");
            throw new JobException(msg.toString(), e);
        }
    }

    private static void put(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }

    private static String label(ConfigMap cm, String name) {
        return cm.getMetadata().getLabels() == null ? null : cm.getMetadata().getLabels().get(name);
    }

    private static String annotation(ConfigMap cm, String name) {
        return cm.getMetadata().getAnnotations() == null ? null : cm.getMetadata().getAnnotations().get(name);
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
