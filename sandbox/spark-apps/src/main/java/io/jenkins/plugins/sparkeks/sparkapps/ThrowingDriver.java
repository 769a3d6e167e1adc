package io.jenkins.plugins.sparkeks.sparkapps;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** A driver that runs one job and then throws from main, so its JVM ends with a non-zero exit code. */
public final class ThrowingDriver {

    public static final String MESSAGE = "sandbox driver threw on purpose";

    private ThrowingDriver() {}

    public static void main(String[] args) {
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setIfMissing("spark.app.name", "Throwing driver"));
        try {
            System.out.println("summed " + sc.parallelize(List.of(1, 2, 3), 2).reduce(Integer::sum));
        } finally {
            // stopped before throwing: the JVM then ends on the uncaught exception instead of waiting on Spark
            sc.stop();
        }
        throw new IllegalStateException(MESSAGE);
    }
}
