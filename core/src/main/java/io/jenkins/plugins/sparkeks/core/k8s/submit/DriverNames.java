package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.util.Locale;

/**
 * The names of everything one submission creates, derived from the submission key instead of Spark's random ids,
 * so a retried or resumed submit finds the same objects. Spark's own rules are kept: the same sanitising of the
 * app name, the {@code -driver}/{@code -driver-svc} suffixes and the short service name when the preferred one is
 * longer than a DNS label. One deliberate difference: the app-name part is shortened so the pod name also fits in
 * 63 characters (Spark lets it grow), because the pod name is used as its hostname.
 *
 * @param appId          {@code spark.app.id} and the {@code spark-app-selector} label
 * @param resourcePrefix {@code <sanitised app name>-<16 hex>}
 * @param podName        the driver pod
 * @param serviceName    the headless driver service
 * @param configMapName  the driver's {@code spark.properties} ConfigMap
 * @param appNameLabel   value of the {@code spark-app-name} label
 */
public record DriverNames(
        String appId, String resourcePrefix, String podName, String serviceName, String configMapName,
        String appNameLabel) {

    public static final int DNS_LABEL_MAX = 63;
    static final String DRIVER_SUFFIX = "-driver";
    static final String SERVICE_SUFFIX = "-driver-svc";
    private static final int SHORT_ID_LENGTH = 16;
    /** Room left for the app name so {@code <app>-<16 hex>-driver} fits in a DNS label. */
    static final int MAX_APP_PART = DNS_LABEL_MAX - 1 - SHORT_ID_LENGTH - DRIVER_SUFFIX.length();

    public static DriverNames of(String appName, SubmissionKey key) {
        String shortId = key.hash(SHORT_ID_LENGTH);
        String appPart = sanitisedAppName(appName);
        if (appPart.length() > MAX_APP_PART) {
            appPart = stripDashes(appPart.substring(0, MAX_APP_PART));
        }
        String prefix = appPart.isEmpty() ? "spark-" + shortId : appPart + "-" + shortId;
        String preferredService = prefix + SERVICE_SUFFIX;
        String service = preferredService.length() <= DNS_LABEL_MAX
                ? preferredService
                : "spark-" + shortId + SERVICE_SUFFIX;
        return new DriverNames(
                "spark-" + key.hash(32),
                prefix,
                prefix + DRIVER_SUFFIX,
                service,
                "spark-drv-" + shortId + "-conf-map",
                appNameLabel(appName));
    }

    /** The ConfigMap carrying the executor pod template to the driver, named as spark-submit names it. */
    public String executorTemplateConfigMapName() {
        return resourcePrefix + "-driver-podspec-conf-map";
    }

    /** The Secret carrying the driver's secret conf and env values; spark-submit has no counterpart. */
    public String secretName() {
        return resourcePrefix + "-driver-secrets";
    }

    /** As Spark's {@code getResourceNamePrefix}, applied to the app name alone. */
    static String sanitisedAppName(String appName) {
        String s = appName.trim().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9\\-]", "-")
                .replaceAll("-+", "-")
                .replaceAll("^-", "")
                .replaceAll("^[0-9]", "x");
        return stripDashes(s);
    }

    /** As Spark's {@code getAppNameLabel}: sanitised, cut to 63, one dash trimmed at each end. */
    static String appNameLabel(String appName) {
        String s = appName.trim().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9\\-]", "-")
                .replaceAll("-+", "-");
        if (s.length() > DNS_LABEL_MAX) {
            s = s.substring(0, DNS_LABEL_MAX);
        }
        if (s.startsWith("-")) {
            s = s.substring(1);
        }
        if (s.endsWith("-")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String stripDashes(String s) {
        return s.replaceAll("^-+", "").replaceAll("-+$", "");
    }
}
