package io.jenkins.plugins.sparkeks.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    @Test
    void spacesRequestsEvenlyAndSkipsRatherThanQueuesPastTheLimit() {
        RequestBudget budget = new RequestBudget(10); // one request per 100 ms
        long t = 1_000_000_000L;
        long maxWait = 250_000_000L;
        assertThat(budget.reserve(t, maxWait)).isZero();
        assertThat(budget.reserve(t, maxWait)).isEqualTo(100_000_000L);
        assertThat(budget.reserve(t, maxWait)).isEqualTo(200_000_000L);
        assertThat(budget.reserve(t, maxWait)).as("300 ms away is past the 250 ms limit: skipped").isEqualTo(-1);
        assertThat(budget.reserve(t + 150_000_000L, maxWait)).as("the skipped request took no slot").isEqualTo(150_000_000L);
        assertThat(budget.reserve(t + 2_000_000_000L, maxWait)).as("an idle budget starts afresh").isZero();
    }
}
