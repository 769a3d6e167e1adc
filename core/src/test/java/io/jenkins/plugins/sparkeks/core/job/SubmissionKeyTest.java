package io.jenkins.plugins.sparkeks.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import org.junit.jupiter.api.Test;

class SubmissionKeyTest {

    @Test
    void sameKeySameHashOtherKeyOtherHash() {
        SubmissionKey a = new SubmissionKey("folder/job#12/step-3");
        assertThat(a.hash()).hasSize(64).matches("[0-9a-f]+").isEqualTo(new SubmissionKey("folder/job#12/step-3").hash());
        assertThat(a.hash(16)).isEqualTo(a.hash().substring(0, 16));
        assertThat(new SubmissionKey("folder/job#13/step-3").hash()).isNotEqualTo(a.hash());
    }

    @Test
    void blankKeyIsRefused() {
        assertThatThrownBy(() -> new SubmissionKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validationReportsEveryProblemWithFieldAndFix() {
        Validation v = new Validation()
                .check(false, "driverMemory", "'lots' is not a memory size.", "Use a size such as 2g or 1536m.")
                .check(true, "image", "never", "never")
                .error("namespace", "'Spark_Apps' is not a DNS-1123 label.", "Use lower-case letters, digits and '-'.");
        assertThat(v.isValid()).isFalse();
        assertThatThrownBy(v::throwIfInvalid).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("2 problems").hasMessageContaining("driverMemory: 'lots'")
                .hasMessageContaining("namespace:");
    }

    @Test
    void cursorIsImmutableAndPerSource() {
        LogCursor c = LogCursor.START.with("pod", "2026-01-01T00:00:00.5Z#2");
        assertThat(LogCursor.START.position("pod")).isNull();
        assertThat(c.position("pod")).isEqualTo("2026-01-01T00:00:00.5Z#2");
        assertThat(c.with("pod", null)).isEqualTo(LogCursor.START);
    }
}
