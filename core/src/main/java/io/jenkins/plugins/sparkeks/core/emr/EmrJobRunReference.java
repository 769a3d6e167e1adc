package io.jenkins.plugins.sparkeks.core.emr;

import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import java.time.Instant;
import java.util.Objects;

/**
 * A started EMR on EKS job run, enough to follow it again from another process without StartJobRun.
 *
 * @param region           AWS region of the virtual cluster
 * @param virtualClusterId the virtual cluster
 * @param jobRunId         the job run
 * @param jobRunName       its name, for messages
 * @param createdAt        when EMR created it: the lower bound of the shared poller's ListJobRuns window
 * @param namespace        the virtual cluster's Kubernetes namespace, where the driver pod runs; null if unknown
 * @param logLocation      where EMR ships its logs
 * @param logCursor        how far the driver log was delivered
 */
public record EmrJobRunReference(
        String region,
        String virtualClusterId,
        String jobRunId,
        String jobRunName,
        Instant createdAt,
        String namespace,
        EmrLogLocation logLocation,
        LogCursor logCursor)
        implements JobReference {

    private static final long serialVersionUID = 1L;

    public EmrJobRunReference {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(virtualClusterId, "virtualClusterId");
        Objects.requireNonNull(jobRunId, "jobRunId");
        logLocation = logLocation == null ? EmrLogLocation.NONE : logLocation;
        logCursor = logCursor == null ? LogCursor.START : logCursor;
    }

    @Override
    public Backend backend() {
        return Backend.EMR_ON_EKS;
    }

    @Override
    public String displayId() {
        return virtualClusterId + "/" + jobRunId;
    }

    @Override
    public EmrJobRunReference withLogCursor(LogCursor cursor) {
        return new EmrJobRunReference(region, virtualClusterId, jobRunId, jobRunName, createdAt, namespace, logLocation, cursor);
    }

    /** The driver pod EMR creates for this run. */
    public String driverPodName() {
        return "spark-" + jobRunId + "-driver";
    }
}
