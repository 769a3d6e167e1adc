package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/** One {@link CloudWatchRateLimiter} per account and region, for everything in this process that reads logs. */
public final class CloudWatchRateLimiters {

    private final Map<String, CloudWatchRateLimiter> limiters = new ConcurrentHashMap<>();
    private final Function<String, CloudWatchRateLimiter> factory;

    /** Each region's budget is the default share of its documented quotas. */
    public CloudWatchRateLimiters() {
        this((Function<String, CloudWatchRateLimiter>) region -> new CloudWatchRateLimiter(
                CloudWatchQuotas.forRegion(region)));
    }

    /** The same budget in every region. */
    public CloudWatchRateLimiters(Supplier<CloudWatchRateLimiter> factory) {
        this((Function<String, CloudWatchRateLimiter>) region -> factory.get());
    }

    /** @param factory the budget of a region, by region id */
    public CloudWatchRateLimiters(Function<String, CloudWatchRateLimiter> factory) {
        this.factory = factory;
    }

    /**
     * @param account the AWS account id when known; otherwise any stable label of the credentials (never a secret)
     * @param region  the region id
     */
    public CloudWatchRateLimiter forAccount(String account, String region) {
        return limiters.computeIfAbsent(account + "|" + region, k -> factory.apply(region));
    }
}
