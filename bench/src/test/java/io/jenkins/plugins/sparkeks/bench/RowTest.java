package io.jenkins.plugins.sparkeks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowTest {

    @Test
    void ratioFavoursUsAboveOneWhicheverWayTheFigureImproves() {
        Row time = Row.compared("s", "t", "ms", Better.LOWER, Samples.of(10, 30, 20), "tool", Samples.of(200));
        Row rate = Row.compared("s", "r", "lines/s", Better.HIGHER, Samples.of(50), "tool", Samples.of(100));
        assertThat(time.ratio()).contains(10.0);
        assertThat(rate.ratio()).contains(0.5);
        assertThat(Row.alone("s", "x", "ms", Samples.of(1)).ratio()).isEmpty();
    }

    @Test
    void medianAndP99AreTakenOverSortedSamples() {
        Samples s = Samples.of(5, 1, 4, 2, 3);
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.p99()).isEqualTo(5);
        assertThat(Samples.of(1, 2, 3, 4).median()).isEqualTo(2.5);
    }
}
