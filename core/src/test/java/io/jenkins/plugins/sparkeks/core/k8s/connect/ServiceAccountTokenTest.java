package io.jenkins.plugins.sparkeks.core.k8s.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.emulator.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountTokenTest {

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void readsTheFileAgainRightAfterARejection() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "old\n");
        ServiceAccountToken token = new ServiceAccountToken(file, clock);
        assertThat(token.token()).isEqualTo("old");

        Files.writeString(file, "new");
        assertThat(token.token()).isEqualTo("old");
        token.rejected("old");

        assertThat(token.token()).isEqualTo("new");
    }

    @Test
    void aMissingFileNamesThePathButNoContent() {
        ServiceAccountToken token = new ServiceAccountToken(dir.resolve("absent"), clock);

        assertThatThrownBy(token::token).isInstanceOf(JobException.class).hasMessageContaining("absent");
    }
}
