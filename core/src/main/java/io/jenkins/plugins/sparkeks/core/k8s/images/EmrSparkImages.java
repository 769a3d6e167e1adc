package io.jenkins.plugins.sparkeks.core.k8s.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Finds the EMR on EKS Spark image for a region and EMR release. The facts (registry account per region, Spark
 * version per release, the default release) are data in {@code emr-spark-images.properties}, not code, so a new
 * release or region is a one-line change; callers can always name an image instead.
 */
public final class EmrSparkImages {

    private static final String RESOURCE = "emr-spark-images.properties";
    private static final Pattern RELEASE = Pattern.compile("emr-[0-9]+\\.[0-9]+\\.[0-9]+");

    private final Properties table;

    EmrSparkImages(Properties table) {
        this.table = table;
    }

    /** The table shipped with this library. */
    public static EmrSparkImages bundled() {
        Properties p = new Properties();
        try (InputStream in = EmrSparkImages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmrSparkImages(p);
    }

    public String defaultRelease() {
        return table.getProperty("default.release");
    }

    /** Whether {@code release} has the shape of an EMR release label ({@code emr-7.12.0}). */
    public static boolean isReleaseLabel(String release) {
        return release != null && RELEASE.matcher(release).matches();
    }

    /**
     * The image for {@code release} (null = the default release) in {@code region}: the regional ECR registry when
     * the table knows the region, else ECR Public, which serves every region from EMR 6.9.0 on.
     */
    public EmrSparkImage imageFor(String region, String release) {
        String rel = release == null ? defaultRelease() : release;
        if (!isReleaseLabel(rel)) {
            throw new IllegalArgumentException("not an EMR release label: " + rel);
        }
        String tag = rel + ":latest";
        String account = region == null ? null : table.getProperty("account." + region);
        String uri = account != null
                ? account + ".dkr.ecr." + region + "." + dnsSuffix(region) + "/spark/" + tag
                : table.getProperty("public.registry") + "/spark/" + tag;
        return new EmrSparkImage(uri, rel, table.getProperty("spark." + rel));
    }

    private static String dnsSuffix(String region) {
        return Objects.requireNonNull(region).startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }
}
