package io.jenkins.plugins.sparkeks.core.insight;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.job.JobReference;

/** Where a person reaches a driver's Spark UI, or the application's persistent UI once it ended. */
final class SparkUiLinks {

    private SparkUiLinks() {}

    static String portForward(String namespace, String pod, int port) {
        return "kubectl port-forward -n " + namespace + " pod/" + pod + " " + port + ":" + port;
    }

    static String localAddress(int port) {
        return "http://localhost:" + port;
    }

    /**
     * EMR on EKS keeps a persistent Spark UI for every job run, opened from the job run's page in the EMR console
     * (its "Spark UI" link); null for the other backends.
     */
    static String history(JobReference reference) {
        if (reference instanceof EmrJobRunReference r) {
            return "https://" + r.region() + ".console.aws.amazon.com/emr/home?region=" + r.region()
                    + "#/virtual-clusters/" + r.virtualClusterId() + "/job-runs/" + r.jobRunId();
        }
        return null;
    }
}
