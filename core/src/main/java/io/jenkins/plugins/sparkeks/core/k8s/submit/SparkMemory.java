package io.jenkins.plugins.sparkeks.core.k8s.submit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's size strings ({@code 512m}, {@code 4g}, {@code 2048}), read the way Spark reads
 * {@code spark.driver.memory}: whole numbers only, a plain number means MiB, larger units are truncated to MiB.
 */
public final class SparkMemory {

    private static final Pattern SIZE = Pattern.compile("([0-9]+)([a-z]+)?");
    private static final Map<String, Integer> SHIFT_FROM_BYTES = Map.ofEntries(
            Map.entry("b", 0), Map.entry("k", 10), Map.entry("kb", 10), Map.entry("m", 20), Map.entry("mb", 20),
            Map.entry("g", 30), Map.entry("gb", 30), Map.entry("t", 40), Map.entry("tb", 40),
            Map.entry("p", 50), Map.entry("pb", 50));
    /** Keeps the byte count in a long: 2^63 bytes is 8 EiB, far above any pod. */
    private static final long MAX_DIGITS_VALUE = 1L << 40;

    /** 64 TiB: above the largest instance memory offered (24 TiB), far below what a Kubernetes quantity holds. */
    public static final long MAX_CONTAINER_MIB = 64L * 1024 * 1024;

    private SparkMemory() {}

    /** Size in MiB, or empty when {@code text} is not a size Spark accepts. */
    public static Optional<Long> toMiB(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).length() > 13) {
            return Optional.empty();
        }
        long value = Long.parseLong(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return Optional.of(value);
        }
        Integer shift = SHIFT_FROM_BYTES.get(suffix);
        if (shift == null || value > MAX_DIGITS_VALUE) {
            return Optional.empty();
        }
        return Optional.of(shift >= 20 ? value << (shift - 20) : value >> (20 - shift));
    }

    public static boolean isValid(String text) {
        return toMiB(text).isPresent();
    }
}
