package io.jenkins.plugins.sparkeks.core.k8s;

import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import java.util.Objects;

/**
 * A driver pod created by us (or found again under the same submission key).
 *
 * @param cluster           which cluster, without credentials
 * @param namespace         the driver's namespace
 * @param podName           the driver pod's name
 * @param podUid            the uid of the pod we created: a pod recreated under the same name by someone else is not ours
 * @param sparkAppId        {@code spark.app.id} written into the driver's conf
 * @param submissionKeyHash value of the submission-key label
 * @param logCursor         how far the driver log was delivered
 */
public record DriverPodReference(
        ClusterCoordinates cluster,
        String namespace,
        String podName,
        String podUid,
        String sparkAppId,
        String submissionKeyHash,
        LogCursor logCursor)
        implements JobReference {

    private static final long serialVersionUID = 1L;

    public DriverPodReference {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(podName, "podName");
        logCursor = logCursor == null ? LogCursor.START : logCursor;
    }

    @Override
    public Backend backend() {
        return Backend.KUBERNETES;
    }

    @Override
    public String displayId() {
        return namespace + ":" + podName;
    }

    @Override
    public DriverPodReference withLogCursor(LogCursor cursor) {
        return new DriverPodReference(cluster, namespace, podName, podUid, sparkAppId, submissionKeyHash, cursor);
    }
}
