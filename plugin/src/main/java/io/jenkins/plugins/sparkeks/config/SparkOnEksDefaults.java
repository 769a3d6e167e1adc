package io.jenkins.plugins.sparkeks.config;

import java.io.Serializable;

/**
 * The controller-wide defaults a step falls back to for every field it leaves empty. A plain snapshot, so
 * steps and tests never need the live global configuration.
 *
 * @param awsEndpointUrl one URL for every AWS service (an emulator, a proxy or a private endpoint); null = AWS itself
 */
public record SparkOnEksDefaults(
        String region,
        String clusterName,
        String credentialsId,
        String roleArn,
        String namespace,
        String serviceAccount,
        String image,
        String logGroup,
        String awsEndpointUrl)
        implements Serializable {

    public static final SparkOnEksDefaults NONE =
            new SparkOnEksDefaults(null, null, null, null, null, null, null, null, null);

    /** {@code value} when it is set, else {@code fallback}; blank counts as unset. */
    public static String pick(String value, String fallback) {
        return value != null && !value.isBlank() ? value.trim() : blankToNull(fallback);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
