package io.jenkins.plugins.sparkeks.core.k8s.images;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EMR on EKS release label in one of the forms the service serves: {@code emr-6.15.0-latest},
 * {@code emr-7.12.0-20251120}, the Spark 4 runtime's {@code emr-spark-8.0.0-20260421} / {@code emr-spark-8.0.0-latest},
 * or a bare release ({@code emr-7.12.0}, {@code emr-spark-8.0.0}) where only the image is meant. The image tag follows
 * from it: {@code spark/<release>:<latest|yyyymmdd>}.
 *
 * @param release the release without the build suffix: {@code emr-7.12.0}, {@code emr-spark-8.0.0}
 * @param build   {@code latest}, a build date {@code yyyymmdd}, or null when not given
 */
public record EmrReleaseLabel(String release, String build) {

    /** The accepted shapes; the date is checked against the calendar separately. */
    private static final Pattern LABEL = Pattern.compile("(emr-(?:spark-)?\\d{1,2}\\.\\d{1,2}\\.\\d{1,2})(?:-(latest|\\d{8}))?");

    /** The label's parts, or empty when {@code label} is not one EMR on EKS serves. */
    public static Optional<EmrReleaseLabel> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        Matcher m = LABEL.matcher(label);
        if (!m.matches() || (m.group(2) != null && !"latest".equals(m.group(2)) && !isDate(m.group(2)))) {
            return Optional.empty();
        }
        return Optional.of(new EmrReleaseLabel(m.group(1), m.group(2)));
    }

    /** Whether the release is the Spark 4 runtime's line ({@code emr-spark-*}), whose labels name no EMR version. */
    public boolean isSparkRuntime() {
        return release.startsWith("emr-spark-");
    }

    /** The image tag the label runs, as the release pages list it: {@code emr-7.12.0:20251120}, {@code emr-spark-8.0.0:latest}. */
    public String imageTag() {
        return release + ":" + (build == null ? "latest" : build);
    }

    /** How to write a label, for messages. */
    public static String forms() {
        return "emr-<major>.<minor>.<patch>-latest or -<yyyymmdd> (e.g. emr-7.12.0-latest, emr-7.12.0-20251120), or the"
                + " Spark 4 runtime's emr-spark-<major>.<minor>.<patch>-latest or -<yyyymmdd> (e.g. emr-spark-8.0.0-20260421)";
    }

    private static boolean isDate(String yyyymmdd) {
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6, 8)));
            // EMR on EKS launched in December 2020; a "date" before it is a typo, not an old build
            return d.getYear() >= 2020;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
