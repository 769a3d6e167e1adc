package io.jenkins.plugins.sparkeks.core.k8s.submit;

import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.util.Locale;

/**
 * The names of everything one submission creates, derived from the submission key instead of Spark's random ids,
 * so a retried or resumed submit finds the same objects. Spark's own rules are kept: the same sanitising of the
 * app name, the {@code -driver}/{@code -driver-svc} suffixes and the short service name when the preferred one is
 * longer than a DNS label. As with spark-submit, the pod name keeps the whole app name even past 63 characters (a
 * pod name may have 253; the kubelet cuts the hostname to 63, and the driver is reached through its Service, whose
 * name has its own fallback). Only an app name too long for any Kubernetes name is shortened, to
 * {@value #MAX_APP_PART} characters, where spark-submit would have its objects refused by the API server.
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
    /** Pods, ConfigMaps and Secrets are named with DNS subdomains. */
    static final int DNS_SUBDOMAIN_MAX = 253;
    static final String DRIVER_SUFFIX = "-driver";
    static final String SERVICE_SUFFIX = "-driver-svc";
    private static final int SHORT_ID_LENGTH = 16;
    static final String EXECUTOR_TEMPLATE_SUFFIX = "-driver-podspec-conf-map";
    /** Room left for the app name so the longest name built on the prefix, the executor template's, is legal. */
    static final int MAX_APP_PART = DNS_SUBDOMAIN_MAX - 1 - SHORT_ID_LENGTH - EXECUTOR_TEMPLATE_SUFFIX.length();

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
        return resourcePrefix + EXECUTOR_TEMPLATE_SUFFIX;
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
