package io.jenkins.plugins.sparkeks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter c = new DurationConverter();

    @Test
    void readsShortFormsPlainSecondsAndIso() {
        assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(c.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.convert("PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void rejectsZeroAndNonsense() {
        assertThatThrownBy(() -> c.convert("0s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> c.convert("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("e.g. 90s");
    }

    @Test
    void refusesAbsurdLengthsWithAMessageInsteadOfOverflowing() {
        assertThat(c.convert("366d")).isEqualTo(Duration.ofDays(366));
        for (String absurd : new String[] {"367d", "99999999999999d", "999999999999999999999s", "PT999999999H"}) {
            assertThatThrownBy(() -> c.convert(absurd)).as(absurd).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("longer than 366d");
        }
    }
}
