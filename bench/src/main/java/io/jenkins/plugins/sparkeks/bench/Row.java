package io.jenkins.plugins.sparkeks.bench;

import java.util.Optional;

/**
 * One line of the table: a figure measured for the project and, in the same run, for the anchor users would
 * otherwise run. Conventions: {@code section} is the row group ("1 submission", "2 k8s wait N=100"...),
 * {@code figure} says what is measured and {@code unit} its unit; {@code anchor} names the tool compared with
 * ("spark-submit 3.5.6", "kubectl get pod loop", "baseline" for before/after figures); a figure without an anchor
 * passes {@code null} samples and shows no ratio. {@code note} says how a figure was obtained when it is not
 * measured directly (a modelled anchor, a skipped tool), never empty words.
 */
public record Row(String section, String figure, String unit, Better better, Samples ours, String anchor,
        Samples anchorSamples, String note) {

    public static Row compared(String section, String figure, String unit, Better better, Samples ours, String anchor,
            Samples anchorSamples) {
        return new Row(section, figure, unit, better, ours, anchor, anchorSamples, "");
    }

    public static Row alone(String section, String figure, String unit, Samples ours) {
        return new Row(section, figure, unit, Better.LOWER, ours, "", null, "");
    }

    public Row withNote(String text) {
        return new Row(section, figure, unit, better, ours, anchor, anchorSamples, text);
    }

    /** Above 1 favours the project, whichever way the figure improves; empty without an anchor or on a zero. */
    public Optional<Double> ratio() {
        if (anchorSamples == null) {
            return Optional.empty();
        }
        double o = ours.median();
        double a = anchorSamples.median();
        double num = better == Better.LOWER ? a : o;
        double den = better == Better.LOWER ? o : a;
        return den == 0 ? Optional.empty() : Optional.of(num / den);
    }
}
