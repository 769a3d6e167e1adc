package io.jenkins.plugins.sparkeks.core.k8s.submit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spark release a submission targets, as far as its behaviour differs between releases: only the leading
 * major and minor numbers count, so vendor builds such as {@code 3.5.6-amzn-1} read as 3.5.
 *
 * @param major e.g. 4 for 4.0.2
 * @param minor e.g. 0 for 4.0.2
 */
public record SparkVersion(int major, int minor) {

    private static final Pattern LEADING = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4}).*");

    /** The release whose rules apply when nothing says otherwise: the spark-submit this library reproduces. */
    public static final SparkVersion DEFAULT = parse(DriverSpecBuilder.SPARK_SUBMIT_VERSION);

    /** Spark 4.0: the overhead floor became {@code spark.driver.minMemoryOverhead}. */
    static final SparkVersion SPARK_4_0 = new SparkVersion(4, 0);

    /** The version in {@code text}, or {@link #DEFAULT} when it does not start with {@code <major>.<minor>}. */
    public static SparkVersion parseOrDefault(String text) {
        return text != null && LEADING.matcher(text.trim()).matches() ? parse(text) : DEFAULT;
    }

    private static SparkVersion parse(String text) {
        Matcher m = LEADING.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Spark version: " + text);
        }
        return new SparkVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean atLeast(SparkVersion other) {
        return major != other.major ? major > other.major : minor >= other.minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
