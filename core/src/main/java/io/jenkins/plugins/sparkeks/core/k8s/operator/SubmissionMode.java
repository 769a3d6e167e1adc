package io.jenkins.plugins.sparkeks.core.k8s.operator;

import io.jenkins.plugins.sparkeks.core.job.FieldError;
import java.util.Locale;

/** How {@code sparkSubmitEks} (and {@code spark-on-eks submit}) starts the application: the {@code mode} field. */
public enum SubmissionMode {
    /** A driver pod, as {@code spark-submit --deploy-mode cluster} creates it. */
    SUBMIT("submit"),
    /** A SparkApplication for whichever operator the cluster has; refused when it has both or neither. */
    OPERATOR("operator"),
    /** A {@code sparkoperator.k8s.io/v1beta2} SparkApplication. */
    OPERATOR_KUBEFLOW("operator-kubeflow"),
    /** A {@code spark.apache.org} SparkApplication. */
    OPERATOR_APACHE("operator-apache");

    private final String value;

    SubmissionMode(String value) {
        this.value = value;
    }

    /** What users write. */
    public String value() {
        return value;
    }

    public boolean usesOperator() {
        return this != SUBMIT;
    }

    /** The operator asked for by name; null for {@link #SUBMIT} and for {@link #OPERATOR} (decided by the cluster). */
    public OperatorKind operator() {
        return switch (this) {
            case OPERATOR_KUBEFLOW -> OperatorKind.KUBEFLOW;
            case OPERATOR_APACHE -> OperatorKind.APACHE;
            default -> null;
        };
    }

    /** Null or blank is {@link #SUBMIT}; letter case is ignored. */
    public static SubmissionMode parse(String text) {
        if (text == null || text.isBlank()) {
            return SUBMIT;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (SubmissionMode m : values()) {
            if (m.value.equals(t)) {
                return m;
            }
        }
        return null;
    }

    /** Why {@code text} is no mode, naming the field and what to write instead. */
    public static FieldError error(String field, String text) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (t.contains("schedule")) {
            // The Kubeflow operator's ScheduledSparkApplication starts runs on its own cron, outside any build.
            return new FieldError(field, "'" + text + "': a ScheduledSparkApplication is not supported; each build starts"
                    + " and follows one application.", "Schedule the Jenkins job instead (a cron trigger) with mode "
                    + OPERATOR_KUBEFLOW.value + ", or create the ScheduledSparkApplication with kubectl.");
        }
        return new FieldError(field, "'" + text + "' is not a submission mode.", "Use " + SUBMIT.value + " (driver pod), "
                + OPERATOR.value + " (SparkApplication for the operator the cluster has), " + OPERATOR_KUBEFLOW.value
                + " (sparkoperator.k8s.io) or " + OPERATOR_APACHE.value + " (spark.apache.org).");
    }
}
