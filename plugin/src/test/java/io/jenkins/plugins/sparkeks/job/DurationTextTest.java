package io.jenkins.plugins.sparkeks.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.sparkeks.core.job.Validation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    private final Validation v = new Validation();

    @Test
    void readsTheShortFormsPipelineAuthorsWrite() {
        assertThat(DurationText.parse("90s", "timeout", v)).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("15m", "timeout", v)).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationText.parse("2h", "timeout", v)).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("1h30m", "timeout", v)).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse(" 45 ", "timeout", v)).isEqualTo(Duration.ofMinutes(45));
        assertThat(DurationText.parse("PT20M", "timeout", v)).isEqualTo(Duration.ofMinutes(20));
        assertThat(v.isValid()).isTrue();
    }

    @Test
    void blankMeansNoLimit() {
        assertThat(DurationText.parse("  ", "timeout", v)).isNull();
        assertThat(DurationText.parse(null, "timeout", v)).isNull();
        assertThat(v.isValid()).isTrue();
    }

    @Test
    void malformedOrZeroIsAFieldError() {
        assertThat(DurationText.parse("soon", "startTimeout", v)).isNull();
        assertThat(DurationText.parse("0m", "timeout", v)).isNull();
        assertThat(v.errors()).extracting(e -> e.field()).containsExactly("startTimeout", "timeout");
        assertThat(v.errors().get(0).problem()).contains("'soon'");
        assertThat(v.errors().get(0).fix()).contains("15m");
    }
}
