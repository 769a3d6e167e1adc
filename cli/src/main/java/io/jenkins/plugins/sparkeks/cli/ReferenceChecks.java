package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRunReference;
import io.jenkins.plugins.sparkeks.core.emr.EmrLogLocation;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.Validation;
import io.jenkins.plugins.sparkeks.core.k8s.ClusterCoordinates;
import io.jenkins.plugins.sparkeks.core.k8s.DriverPodReference;
import io.jenkins.plugins.sparkeks.core.k8s.operator.OperatorApi;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkApplicationReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * A reference arrives as text a user pasted, so every field in it is input: each becomes part of an API path or
 * query, and is held to the same rules as the name it stands for (a namespace like {@code ../../x} is never sent).
 */
final class ReferenceChecks {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-\\d{1,2}");
    private static final Pattern EKS_CLUSTER = Pattern.compile("[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}");
    private static final Pattern EMR_ID = Pattern.compile("[0-9a-z]{1,64}");
    private static final Pattern LOG_GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    private static final Pattern LOG_STREAM_PREFIX = Pattern.compile("[^:*]{1,512}");
    private static final Pattern TOKEN = Pattern.compile("[-A-Za-z0-9_.]{1,128}");

    private ReferenceChecks() {}

    /** Throws, naming each damaged field, unless every field could have come from a real submission. */
    static void check(JobReference reference) {
        Validation v = new Validation();
        if (reference instanceof DriverPodReference pod) {
            cluster(v, pod.cluster());
            v.check(DNS_LABEL.matcher(pod.namespace()).matches(), field("namespace"), problem(), fix());
            v.check(DNS_SUBDOMAIN.matcher(pod.podName()).matches(), field("podName"), problem(), fix());
            optional(v, TOKEN, pod.podUid(), "podUid");
            optional(v, TOKEN, pod.sparkAppId(), "sparkAppId");
            optional(v, TOKEN, pod.submissionKeyHash(), "submissionKeyHash");
        } else if (reference instanceof SparkApplicationReference app) {
            cluster(v, app.cluster());
            v.check(DNS_LABEL.matcher(app.namespace()).matches(), field("namespace"), problem(), fix());
            v.check(DNS_SUBDOMAIN.matcher(app.name()).matches(), field("name"), problem(), fix());
            optional(v, TOKEN, app.uid(), "uid");
            optional(v, TOKEN, app.submissionKeyHash(), "submissionKeyHash");
            v.check(app.apiVersion() == null || knownOperatorApi(app.apiVersion()), field("apiVersion"), problem(), fix());
        } else if (reference instanceof EmrJobRunReference run) {
            v.check(REGION.matcher(run.region()).matches(), field("region"), problem(), fix());
            v.check(EMR_ID.matcher(run.virtualClusterId()).matches(), field("virtualClusterId"), problem(), fix());
            v.check(EMR_ID.matcher(run.jobRunId()).matches(), field("jobRunId"), problem(), fix());
            optional(v, DNS_LABEL, run.namespace(), "namespace");
            EmrLogLocation logs = run.logLocation();
            optional(v, LOG_GROUP, logs.logGroup(), "logGroup");
            optional(v, LOG_STREAM_PREFIX, logs.logStreamPrefix(), "logStreamPrefix");
            if (logs.s3LogUri() != null) {
                v.check(logs.s3LogUri().matches("s3://[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9](/\\S*)?"), field("s3LogUri"),
                        problem(), fix());
            }
        }
        v.throwIfInvalid();
    }

    private static boolean knownOperatorApi(String apiVersion) {
        try {
            OperatorApi api = OperatorApi.of(apiVersion);
            return api.kind().versions().contains(api.version());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void cluster(Validation v, ClusterCoordinates cluster) {
        if (cluster.clusterName() != null) {
            v.check(cluster.region() != null && REGION.matcher(cluster.region()).matches(), field("cluster.region"),
                    problem(), fix());
            v.check(EKS_CLUSTER.matcher(cluster.clusterName()).matches(), field("cluster.clusterName"), problem(), fix());
        } else {
            v.check(isHttpUrl(cluster.server()), field("cluster.server"), problem(), fix());
        }
    }

    private static boolean isHttpUrl(String server) {
        if (server == null) {
            return false;
        }
        try {
            URI uri = new URI(server);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void optional(Validation v, Pattern pattern, String value, String name) {
        if (value != null) {
            v.check(pattern.matcher(value).matches(), field(name), problem(), fix());
        }
    }

    private static String field(String name) {
        return "reference." + name;
    }

    // the value is not echoed: a damaged reference may hold anything, and it is printed nowhere else either
    private static String problem() {
        return "is not a value a submission could have produced.";
    }

    private static String fix() {
        return "Pass the reference exactly as submit printed it after 'Reference:'.";
    }
}
