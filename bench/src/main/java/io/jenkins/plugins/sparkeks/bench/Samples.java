package io.jenkins.plugins.sparkeks.bench;

import java.util.Arrays;
import java.util.List;

/** Repeated measurements of one figure; the table shows the median and the 99th percentile (nearest rank). */
public record Samples(double[] values) {

    public Samples {
        if (values.length == 0) {
            throw new IllegalArgumentException("a figure needs at least one measurement");
        }
        values = values.clone();
        Arrays.sort(values);
    }

    public static Samples of(double... values) {
        return new Samples(values);
    }

    public static Samples of(List<? extends Number> values) {
        return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public double median() {
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    public double p99() {
        int rank = (int) Math.ceil(0.99 * values.length);
        return values[Math.max(0, rank - 1)];
    }

    public int count() {
        return values.length;
    }
}
