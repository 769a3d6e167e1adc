package io.jenkins.plugins.sparkeks.core.k8s.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * Finds the EMR on EKS Spark image for a region and EMR release. The facts (registry account per region, Spark
 * version per release, the default release) are data in {@code emr-spark-images.properties}, not code, so a new
 * release or region is a one-line change; callers can always name an image instead.
 */
public final class EmrSparkImages {

    private static final String RESOURCE = "emr-spark-images.properties";
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

    /**
     * Whether {@code release} is an EMR release label: {@code emr-7.12.0}, with or without a {@code -latest} or
     * {@code -<yyyymmdd>} build, or the Spark 4 runtime's {@code emr-spark-8.0.0} in the same forms.
     */
    public static boolean isReleaseLabel(String release) {
        return EmrReleaseLabel.parse(release).isPresent();
    }

    /** The Spark version a release label ships, when the table knows it; whatever its build suffix. */
    public String sparkVersionOf(String label) {
        return EmrReleaseLabel.parse(label).map(l -> table.getProperty("spark." + l.release())).orElse(null);
    }

    /**
     * The image for {@code release} (null = the default release) in {@code region}: the regional ECR registry when
     * the table knows the region, else ECR Public, which serves every region from EMR 6.9.0 on.
     */
    public EmrSparkImage imageFor(String region, String release) {
        String rel = release == null ? defaultRelease() : release;
        EmrReleaseLabel label = EmrReleaseLabel.parse(rel)
                .orElseThrow(() -> new IllegalArgumentException("not an EMR release label: " + rel));
        // a dated label pins that build's image; a bare or -latest label follows the release's latest image
        String tag = label.imageTag();
        String account = region == null ? null : table.getProperty("account." + region);
        String uri = account != null
                ? account + ".dkr.ecr." + region + "." + dnsSuffix(region) + "/spark/" + tag
                : table.getProperty("public.registry") + "/spark/" + tag;
        return new EmrSparkImage(uri, rel, table.getProperty("spark." + label.release()));
    }

    private static String dnsSuffix(String region) {
        return Objects.requireNonNull(region).startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }
}
