package io.jenkins.plugins.sparkeks.core.k8s.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubeletTimestampTest {

    @Test
    void readsTheKubeletShapeExactlyAsInstantParseDoes() {
        for (String s : new String[] {"2026-11-21T10:00:00.100000001Z", "2026-11-21T10:00:01Z", "2024-02-29T23:59:59.9Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2026-12-05T00:20:00.123456Z",
                "0001-01-01T00:00:00.000000000Z", "9999-12-31T23:59:59Z"}) {
            assertThat(KubeletTimestamp.parseFast(s, 0, s.length())).as(s).isEqualTo(Instant.parse(s));
        }
        String embedded = "xx2026-11-21T10:00:00.5Z tail";
        assertThat(KubeletTimestamp.parseFast(embedded, 2, 24)).isEqualTo(Instant.parse("2026-11-21T10:00:00.5Z"));
    }

    @Test
    void leavesEveryOtherShapeToInstantParse() {
        for (String s : new String[] {"2026-11-21T10:00:00+01:00", "2026-11-21T10:00:60Z", "2026-02-30T10:00:00Z",
                "2026-11-21T24:00:00Z", "2026-11-21T10:00:00.Z", "2026-11-21T10:00:00.1234567890Z", "2026-11-21t10:00:00Z",
                "2026-1x-21T10:00:00Z", "2026-11-21T10:00:00", "no timestamp at all here"}) {
            assertThat(KubeletTimestamp.parseFast(s, 0, s.length())).as(s).isNull();
        }
    }
}
