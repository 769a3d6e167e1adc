package io.jenkins.plugins.sparkeks.core.emr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where a person can look at a job run in the AWS console. */
final class EmrConsoleLinks {

    private EmrConsoleLinks() {}

    static String jobRun(String region, String virtualClusterId, String jobRunId) {
        return console(region) + "/emr/home?region=" + region + "#/virtual-clusters/" + virtualClusterId
                + "/job-runs/" + jobRunId;
    }

    /** The console escapes path parts twice, writing {@code $25} for {@code %} (so {@code /} becomes {@code $252F}). */
    static String logStream(String region, String logGroup, String streamName) {
        return console(region) + "/cloudwatch/home?region=" + region + "#logsV2:log-groups/log-group/"
                + consoleEscape(logGroup) + "/log-events/" + consoleEscape(streamName);
    }

    static String s3Prefix(String region, String s3Uri) {
        String rest = s3Uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        return "https://s3.console.aws.amazon.com/s3/buckets/" + bucket + "?region=" + region + "&prefix="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8);
    }

    private static String console(String region) {
        return "https://" + region + ".console.aws.amazon.com";
    }

    private static String consoleEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%", "$25");
    }
}
