package io.jenkins.plugins.sparkeks.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriverTargetTest {

    @Test
    void theDriverServiceIsNamedAfterTheDriverPodAsSparkSubmitNamesIt() {
        assertThat(new DriverTarget("spark", "etl-0123456789abcdef-driver", null).serviceName())
                .contains("etl-0123456789abcdef-driver-svc");
    }

    @Test
    void noServiceIsGuessedForAnotherPodNameOrOneSparkWouldHaveShortened() {
        assertThat(new DriverTarget("spark", "spark-000000035p4q8lc7dr9-driver-abcde", null).serviceName()).isEmpty();
        String longPrefix = "a".repeat(40) + "-0123456789abcdef";
        assertThat((longPrefix + "-driver-svc").length()).isGreaterThan(63);
        assertThat(new DriverTarget("spark", longPrefix + "-driver", null).serviceName()).isEmpty();
    }
}
