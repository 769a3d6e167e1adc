package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import java.util.Objects;

/**
 * A SparkApplication created by us (or found again under the same submission key).
 *
 * @param cluster           which cluster, without credentials
 * @param namespace         the application's namespace
 * @param name              the SparkApplication's name; its driver pod is {@code <name>-driver}
 * @param uid               uid of the object we created
 * @param submissionKeyHash value of the submission-key label
 * @param logCursor         how far the driver log was delivered
 * @param apiVersion        the SparkApplication's {@code apiVersion}; null for {@value #KUBEFLOW_API_VERSION}, which
 *                          references made before the Apache operator was supported leave out
 */
public record SparkApplicationReference(
        ClusterCoordinates cluster, String namespace, String name, String uid, String submissionKeyHash, LogCursor logCursor,
        String apiVersion)
        implements JobReference {

    private static final long serialVersionUID = 1L;

    public static final String KUBEFLOW_API_VERSION = "sparkoperator.k8s.io/v1beta2";

    /** A Kubeflow Spark Operator application. */
    public SparkApplicationReference(
            ClusterCoordinates cluster, String namespace, String name, String uid, String submissionKeyHash, LogCursor logCursor) {
        this(cluster, namespace, name, uid, submissionKeyHash, logCursor, null);
    }

    public SparkApplicationReference {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        logCursor = logCursor == null ? LogCursor.START : logCursor;
        apiVersion = KUBEFLOW_API_VERSION.equals(apiVersion) ? null : apiVersion;
    }

    @Override
    public Backend backend() {
        return Backend.SPARK_OPERATOR;
    }

    @Override
    public String displayId() {
        return namespace + ":sparkapplication/" + name;
    }

    /** The driver pod the operator starts for this application. */
    public String driverPodName() {
        return name + "-driver";
    }

    @Override
    public SparkApplicationReference withLogCursor(LogCursor cursor) {
        return new SparkApplicationReference(cluster, namespace, name, uid, submissionKeyHash, cursor, apiVersion);
    }
}
