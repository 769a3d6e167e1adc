package io.jenkins.plugins.sparkeks.core.k8s.images;

/**
 * An EMR on EKS Spark image chosen as the default for a region and release.
 *
 * @param uri          full image reference
 * @param release      EMR release label as given, e.g. {@code emr-7.12.0} or {@code emr-spark-8.0.0-20260421}
 * @param sparkVersion Spark version the release ships, or null when the table does not know it
 */
public record EmrSparkImage(String uri, String release, String sparkVersion) {}
