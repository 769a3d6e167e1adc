package io.jenkins.plugins.sparkeks.sparkapps;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application a pod verdict cannot judge: one Spark job succeeds, the next fails because a task throws, and
 * the driver catches the failure, logs it and exits 0, as many production drivers do.
 */
public final class SwallowedJobFailure {

    /** In the failed job's reason, so a test can tell this failure from any other. */
    public static final String TASK_ERROR = "sandbox task failed on purpose";

    private static final Logger LOG = LoggerFactory.getLogger(SwallowedJobFailure.class);

    private SwallowedJobFailure() {}

    public static void main(String[] args) {
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setIfMissing("spark.app.name", "Swallowed job failure"));
        try {
            sc.setJobDescription("count the rows");
            long rows = sc.parallelize(List.of(1, 2, 3, 4), 2).count();
            System.out.println("counted " + rows + " rows");
            sc.setJobDescription("load the bad partition");
            try {
                sc.parallelize(List.of(1, 2, 3, 4), 2).map(SwallowedJobFailure::failOnThree).count();
            } catch (Exception e) {
                // deliberate: the driver swallows the failed job (a SparkException, thrown undeclared) and exits 0
                LOG.error("The job failed and is ignored: {}", e.getMessage());
            }
        } finally {
            sc.stop();
        }
    }

    private static int failOnThree(int value) {
        if (value == 3) {
            throw new IllegalStateException(TASK_ERROR + " (value " + value + ")");
        }
        return value;
    }
}
