package io.jenkins.plugins.sparkeks.core.k8s.submit;

import java.util.Locale;

/** What kind of program the primary resource is; decides the driver's main class and the memory overhead factor. */
public enum AppResourceType {
    JAVA("java", 0.1),
    PYTHON("python", 0.4),
    R("r", 0.4);

    private final String confValue;
    private final double defaultOverheadFactor;

    AppResourceType(String confValue, double defaultOverheadFactor) {
        this.confValue = confValue;
        this.defaultOverheadFactor = defaultOverheadFactor;
    }

    /** Spark decides by file extension, as spark-submit's {@code isPython}/{@code isR} do. */
    public static AppResourceType of(String primaryResource) {
        if (primaryResource == null) {
            return JAVA;
        }
        String path = primaryResource.toLowerCase(Locale.ROOT);
        if (path.endsWith(".py")) {
            return PYTHON;
        }
        if (path.endsWith(".r")) {
            return R;
        }
        return JAVA;
    }

    /** Value of {@code spark.kubernetes.resource.type}. */
    public String confValue() {
        return confValue;
    }

    /** 0.1 for JVM programs, 0.4 for Python and R, which need memory outside the JVM heap. */
    public double defaultOverheadFactor() {
        return defaultOverheadFactor;
    }

    /** The class the driver's own spark-submit runs. */
    public String driverMainClass(String userMainClass) {
        return switch (this) {
            case JAVA -> userMainClass;
            case PYTHON -> "org.apache.spark.deploy.PythonRunner";
            case R -> "org.apache.spark.deploy.RRunner";
        };
    }
}
