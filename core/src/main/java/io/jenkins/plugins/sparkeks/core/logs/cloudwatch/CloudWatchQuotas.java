package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import java.util.Set;

/**
 * CloudWatch Logs' documented default read quotas of one region, in calls per second per account (CloudWatch Logs
 * User Guide, "CloudWatch Logs quotas"; GetLogEvents and FilterLogEvents cannot be raised, DescribeLogStreams can).
 * The account shares them with every other reader (consoles, scripts, other controllers).
 */
public record CloudWatchQuotas(double getLogEvents, double filterLogEvents, double describeLogStreams) {

    /** The lowest value of each quota over all regions: safe when the region is unknown. */
    public static final CloudWatchQuotas LOWEST = new CloudWatchQuotas(10, 5, 25);

    private static final Set<String> GET_LOG_EVENTS_10 = Set.of("us-west-2", "ap-northeast-3", "ap-southeast-3",
            "ca-west-1", "eu-central-1", "eu-west-1", "il-central-1");
    private static final Set<String> FILTER_LOG_EVENTS_5 = Set.of("ap-northeast-3", "ap-southeast-3", "ca-west-1",
            "eu-central-1", "il-central-1");

    /** The documented defaults of {@code region}; {@link #LOWEST} when it is null or blank. */
    public static CloudWatchQuotas forRegion(String region) {
        if (region == null || region.isBlank()) {
            return LOWEST;
        }
        double gle = GET_LOG_EVENTS_10.contains(region) ? 10 : region.equals("eu-west-3") ? 30 : 25;
        double fle = FILTER_LOG_EVENTS_5.contains(region) ? 5 : region.equals("us-east-1") ? 25 : 10;
        return new CloudWatchQuotas(gle, fle, 25);
    }

    double of(CloudWatchRateLimiter.Operation op) {
        return switch (op) {
            case GET_LOG_EVENTS -> getLogEvents;
            case FILTER_LOG_EVENTS -> filterLogEvents;
            case DESCRIBE_LOG_STREAMS -> describeLogStreams;
        };
    }
}
