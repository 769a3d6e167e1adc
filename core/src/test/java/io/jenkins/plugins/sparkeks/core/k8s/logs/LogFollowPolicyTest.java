package io.jenkins.plugins.sparkeks.core.k8s.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogFollowPolicyTest {

    final LogFollowPolicy policy = new LogFollowPolicy(Duration.ofMillis(200), Duration.ofSeconds(5), 3, Duration.ofSeconds(60));

    @Test
    void backoffDoublesUpToTheCapWithJitterInItsUpperHalf() {
        assertThat(policy.retryDelay(1, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.retryDelay(1, 1.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.retryDelay(3, 0.5)).isEqualTo(Duration.ofMillis(600));
        assertThat(policy.retryDelay(30, 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.retryDelay(30, 0.0)).isEqualTo(Duration.ofMillis(2500));
    }
}
