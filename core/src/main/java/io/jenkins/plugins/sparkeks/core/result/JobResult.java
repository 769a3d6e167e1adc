package io.jenkins.plugins.sparkeks.core.result;

import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one Spark job, judged from the real driver outcome. Immutable and free of secrets, so
 * it can be printed, serialised and returned to a pipeline as is.
 *
 * @param backend       which engine ran the job
 * @param state         the shared terminal (or, for a no-wait submit, current) state
 * @param success       true only when the driver finished successfully
 * @param exitCode      the driver container's exit code when known
 * @param reason        a short machine-friendly reason: {@code Completed}, {@code Error}, {@code OOMKilled},
 *                      {@code Evicted}, {@code DriverPodDeleted}, {@code StartTimeout}, {@code RunTimeout},
 *                      an EMR failureReason such as {@code USER_ERROR}, ...
 * @param message       a human sentence explaining the state
 * @param nativeState   the backend's own state name (pod phase, EMR state, operator state)
 * @param sparkAppId    Spark's application id ({@code spark-...}) when known
 * @param namespace     Kubernetes namespace of the driver
 * @param driverPod     driver pod name when known
 * @param jobRunId      EMR on EKS job run id
 * @param virtualClusterId EMR on EKS virtual cluster id
 * @param attempts      number of driver attempts (EMR retry policy), null when not applicable
 * @param submittedAt   when the job was accepted
 * @param startedAt     when the driver started running
 * @param finishedAt    when it reached a terminal state
 * @param links         places to look at the job
 * @param explanation   console lines that explain a failure (last driver log lines, pod events, stateDetails)
 * @param logNote       null when every driver log line that was followed reached the console; otherwise why some
 *                      did not and where the whole log is (log group and streams, S3 prefix)
 * @param cancelConfirmed null when nobody asked us to stop the job; after a cancel (request, abort, timeout) true
 *                      once the job was seen stopped, false when that was not seen within the grace period, so
 *                      the job may still be running (reason {@link #CANCEL_NOT_CONFIRMED} unless a timeout's)
 * @param spark         what Spark insight saw of the application's own jobs; null when insight was off
 * @param submittedThrough how the job was submitted when a backend has more than one way ({@code "ack"} for an EMR
 *                      run started through the ACK JobRun resource); null for the backend's only or default way
 */
public record JobResult(
        Backend backend,
        JobState state,
        boolean success,
        Integer exitCode,
        String reason,
        String message,
        String nativeState,
        String sparkAppId,
        String namespace,
        String driverPod,
        String jobRunId,
        String virtualClusterId,
        Integer attempts,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        List<Link> links,
        List<String> explanation,
        String logNote,
        Boolean cancelConfirmed,
        SparkInsight spark,
        String submittedThrough)
        implements Serializable {

    /** The reason of a cancel that was requested (or tried) but not seen to take effect. */
    public static final String CANCEL_NOT_CONFIRMED = "CancelNotConfirmed";

    public JobResult {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(state, "state");
        links = links == null ? List.of() : List.copyOf(links);
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
        if (success && state != JobState.SUCCEEDED) {
            throw new IllegalArgumentException("success requires state SUCCEEDED, was " + state);
        }
    }

    /**
     * False when driver log lines could not be shown (e.g. CloudWatch kept throttling past the drain limit): the
     * verdict still stands, {@link #logNote()} says where the whole log is. Derived from the note so that a result
     * stored before this existed reads as complete.
     */
    public boolean logComplete() {
        return logNote == null;
    }

    public static Builder builder(Backend backend, JobState state) {
        return new Builder(backend, state);
    }

    public Builder toBuilder() {
        Builder b = new Builder(backend, state);
        b.success = success;
        b.exitCode = exitCode;
        b.reason = reason;
        b.message = message;
        b.nativeState = nativeState;
        b.sparkAppId = sparkAppId;
        b.namespace = namespace;
        b.driverPod = driverPod;
        b.jobRunId = jobRunId;
        b.virtualClusterId = virtualClusterId;
        b.attempts = attempts;
        b.submittedAt = submittedAt;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.links.addAll(links);
        b.explanation.addAll(explanation);
        b.logNote = logNote;
        b.cancelConfirmed = cancelConfirmed;
        b.spark = spark;
        b.submittedThrough = submittedThrough;
        return b;
    }

    /** Run time from start (or submission) to the end, when both ends are known. */
    public Duration duration() {
        Instant from = startedAt != null ? startedAt : submittedAt;
        return from == null || finishedAt == null ? null : Duration.between(from, finishedAt);
    }

    /**
     * The result as plain strings, numbers, booleans and lists of them, with stable keys, for a pipeline's
     * return value and the command line's JSON output. Absent values are left out.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend.name());
        m.put("state", state.name());
        m.put("success", success);
        put(m, "exitCode", exitCode);
        put(m, "reason", reason);
        put(m, "message", message);
        put(m, "nativeState", nativeState);
        put(m, "sparkAppId", sparkAppId);
        put(m, "namespace", namespace);
        put(m, "driverPod", driverPod);
        put(m, "jobRunId", jobRunId);
        put(m, "virtualClusterId", virtualClusterId);
        put(m, "attempts", attempts);
        put(m, "submittedAt", submittedAt == null ? null : submittedAt.toString());
        put(m, "startedAt", startedAt == null ? null : startedAt.toString());
        put(m, "finishedAt", finishedAt == null ? null : finishedAt.toString());
        Duration d = duration();
        put(m, "durationSeconds", d == null ? null : d.toSeconds());
        if (!links.isEmpty()) {
            Map<String, String> l = new LinkedHashMap<>();
            for (Link link : links) {
                l.put(link.label(), link.url());
            }
            m.put("links", l);
        }
        if (!explanation.isEmpty()) {
            m.put("explanation", new ArrayList<>(explanation));
        }
        m.put("logComplete", logComplete());
        put(m, "logNote", logNote);
        put(m, "cancelConfirmed", cancelConfirmed);
        put(m, "spark", spark == null ? null : spark.toMap());
        put(m, "submittedThrough", submittedThrough);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** Collects the many optional fields; {@link #build()} checks the invariants once. */
    public static final class Builder {
        private final Backend backend;
        private JobState state;
        private boolean success;
        private Integer exitCode;
        private String reason;
        private String message;
        private String nativeState;
        private String sparkAppId;
        private String namespace;
        private String driverPod;
        private String jobRunId;
        private String virtualClusterId;
        private Integer attempts;
        private Instant submittedAt;
        private Instant startedAt;
        private Instant finishedAt;
        private final List<Link> links = new ArrayList<>();
        private final List<String> explanation = new ArrayList<>();
        private String logNote;
        private Boolean cancelConfirmed;
        private SparkInsight spark;
        private String submittedThrough;

        private Builder(Backend backend, JobState state) {
            this.backend = backend;
            this.state = state;
            this.success = state == JobState.SUCCEEDED;
        }

        public Builder state(JobState v) { this.state = v; this.success = v == JobState.SUCCEEDED; return this; }
        public Builder exitCode(Integer v) { this.exitCode = v; return this; }
        public Builder reason(String v) { this.reason = v; return this; }
        public Builder message(String v) { this.message = v; return this; }
        public Builder nativeState(String v) { this.nativeState = v; return this; }
        public Builder sparkAppId(String v) { this.sparkAppId = v; return this; }
        public Builder namespace(String v) { this.namespace = v; return this; }
        public Builder driverPod(String v) { this.driverPod = v; return this; }
        public Builder jobRunId(String v) { this.jobRunId = v; return this; }
        public Builder virtualClusterId(String v) { this.virtualClusterId = v; return this; }
        public Builder attempts(Integer v) { this.attempts = v; return this; }
        public Builder submittedAt(Instant v) { this.submittedAt = v; return this; }
        public Builder startedAt(Instant v) { this.startedAt = v; return this; }
        public Builder finishedAt(Instant v) { this.finishedAt = v; return this; }
        public Builder link(String label, String url) { if (url != null) { links.add(new Link(label, url)); } return this; }
        public Builder explanation(List<String> lines) { explanation.clear(); explanation.addAll(lines); return this; }
        /** Marks the driver log incomplete (null = complete) with where the whole log is. */
        public Builder logNote(String v) { this.logNote = v == null || v.isBlank() ? null : v; return this; }
        public Builder cancelConfirmed(Boolean v) { this.cancelConfirmed = v; return this; }
        public Builder spark(SparkInsight v) { this.spark = v; return this; }
        public Builder submittedThrough(String v) { this.submittedThrough = v; return this; }

        public JobResult build() {
            return new JobResult(backend, state, success, exitCode, reason, message, nativeState, sparkAppId,
                    namespace, driverPod, jobRunId, virtualClusterId, attempts, submittedAt, startedAt, finishedAt,
                    links, explanation, logNote, cancelConfirmed, spark, submittedThrough);
        }
    }
}
