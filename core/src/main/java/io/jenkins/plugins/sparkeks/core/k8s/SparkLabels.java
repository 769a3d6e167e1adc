package io.jenkins.plugins.sparkeks.core.k8s;

/** Label and name constants shared by the submission builder, the informers and the verdict. */
public final class SparkLabels {

    /** Spark's own labels, as spark-submit sets them. */
    public static final String SPARK_APP_SELECTOR = "spark-app-selector";
    public static final String SPARK_ROLE = "spark-role";
    public static final String SPARK_APP_NAME = "spark-app-name";
    public static final String SPARK_VERSION = "spark-version";
    public static final String ROLE_DRIVER = "driver";
    public static final String ROLE_EXECUTOR = "executor";

    /** Ours: every object we create carries these, so one informer per namespace can select them. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "spark-on-eks";
    /** First 32 hex characters of the submission key's hash; label values are limited to 63 characters. */
    public static final String SUBMISSION_KEY = "spark-on-eks.jenkins.io/submission-key";

    /** The driver container name spark-submit uses. */
    public static final String DRIVER_CONTAINER = "spark-kubernetes-driver";

    private SparkLabels() {}
}
