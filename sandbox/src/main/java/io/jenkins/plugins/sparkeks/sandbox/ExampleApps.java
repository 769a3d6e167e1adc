package io.jenkins.plugins.sparkeks.sandbox;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps what a pipeline names for the images' bundled examples onto the sandbox's own applications: Maven Central
 * has no spark-examples jar for Spark 3.5, so {@code sandbox/spark-apps} provides the few that matter.
 */
final class ExampleApps {

    static final String PACKAGE = "io.jenkins.plugins.sparkeks.sparkapps.";

    /** The EMR image's examples jar and the Apache image's (one per Scala and Spark version). */
    private static final Pattern EXAMPLES_JAR = Pattern.compile(
            "local:///usr/lib/spark/examples/jars/spark-examples(_[0-9.]+-[0-9A-Za-z.-]+)?\\.jar"
                    + "|local:///opt/spark/examples/jars/spark-examples_[0-9.]+-[0-9A-Za-z.-]+\\.jar");

    private static final Map<String, String> CLASSES = Map.of(
            "org.apache.spark.examples.SparkPi", PACKAGE + "SparkPi",
            "org.apache.spark.examples.JavaSparkPi", PACKAGE + "SparkPi");

    private ExampleApps() {}

    static boolean isExamplesJar(String resource) {
        return resource != null && EXAMPLES_JAR.matcher(resource).matches();
    }

    /** The sandbox's class for a Spark example class; any other class is run as named. */
    static String mainClass(String mainClass) {
        return CLASSES.getOrDefault(mainClass, mainClass);
    }
}
