package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter.Operation;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CloudWatchRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CloudWatchRateLimiter limiter =
            new CloudWatchRateLimiter(Map.of(Operation.GET_LOG_EVENTS, 4.0, Operation.DESCRIBE_LOG_STREAMS, 1.0), now::get);

    private int granted(Operation op, int asks) {
        int n = 0;
        for (int i = 0; i < asks; i++) {
            n += limiter.tryAcquire(op) ? 1 : 0;
        }
        return n;
    }

    @Test
    void eachOperationGetsItsOwnBudgetAndSavesUpOnePollIntervalOfIt() {
        // a poller ticking every 2 s spends two seconds' worth at once: a one-second bucket lost half the budget
        assertThat(granted(Operation.GET_LOG_EVENTS, 20)).isEqualTo(8);
        assertThat(granted(Operation.DESCRIBE_LOG_STREAMS, 10)).isEqualTo(2);
        now.addAndGet(500_000_000L);
        assertThat(granted(Operation.GET_LOG_EVENTS, 20)).isEqualTo(2);
        now.addAndGet(10_000_000_000L);
        assertThat(granted(Operation.GET_LOG_EVENTS, 20)).isEqualTo(8); // no hoarding beyond two seconds' worth
    }

    @Test
    void aPermitCanBeCheckedWithoutTakingIt() {
        assertThat(limiter.hasPermit(Operation.GET_LOG_EVENTS)).isTrue();
        granted(Operation.GET_LOG_EVENTS, 20);
        assertThat(limiter.hasPermit(Operation.GET_LOG_EVENTS)).isFalse();
        assertThat(limiter.hasPermit(Operation.DESCRIBE_LOG_STREAMS)).isTrue();
        assertThat(limiter.tryAcquire(Operation.DESCRIBE_LOG_STREAMS)).isTrue();
    }

    @Test
    void throttlingPausesEveryOperationLongerEachTime() {
        limiter.throttled();
        assertThat(limiter.isPaused()).isTrue();
        assertThat(limiter.tryAcquire(Operation.GET_LOG_EVENTS)).isFalse();
        assertThat(limiter.tryAcquire(Operation.DESCRIBE_LOG_STREAMS)).isFalse();
        now.addAndGet(600_000_000L); // first pause is at most 0.5 s
        assertThat(limiter.isPaused()).isFalse();
        limiter.succeeded();

        limiter.throttled();
        limiter.throttled();
        limiter.throttled(); // third in a row: between 1 and 2 s
        now.addAndGet(900_000_000L);
        assertThat(limiter.isPaused()).isTrue();
        now.addAndGet(1_200_000_000L);
        assertThat(limiter.isPaused()).isFalse();
        limiter.succeeded();
        limiter.throttled();
        now.addAndGet(600_000_000L);
        assertThat(limiter.isPaused()).isFalse();
    }

    @Test
    void pausesGrowFromTheFirstPauseToTheBoundAndNoFurther() {
        CloudWatchRateLimiter short_ = new CloudWatchRateLimiter(Map.of(), now::get, java.time.Duration.ofMillis(20),
                java.time.Duration.ofMillis(200));
        short_.throttled();
        now.addAndGet(21_000_000L);
        assertThat(short_.isPaused()).isFalse();
        for (int i = 0; i < 40; i++) {
            short_.throttled(); // a long storm: the pause stops growing at the bound
        }
        now.addAndGet(99_000_000L);
        assertThat(short_.isPaused()).isTrue();
        now.addAndGet(102_000_000L);
        assertThat(short_.isPaused()).isFalse();
    }

    @Test
    void oneLimiterPerAccountAndRegion() {
        CloudWatchRateLimiters limiters = new CloudWatchRateLimiters();
        assertThat(limiters.forAccount("111122223333", "us-east-1")).isSameAs(limiters.forAccount("111122223333", "us-east-1"))
                .isNotSameAs(limiters.forAccount("111122223333", "eu-west-1"))
                .isNotSameAs(limiters.forAccount("444455556666", "us-east-1"));
    }
}
