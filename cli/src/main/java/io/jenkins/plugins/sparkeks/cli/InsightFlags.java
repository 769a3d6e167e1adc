package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import picocli.CommandLine.Option;

/** Spark insight: reading the driver's Spark UI while it runs, and judging from Spark's own job results. */
final class InsightFlags {

    @Option(names = "--spark-insight", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Read Spark's jobs, stages and executors from the driver's UI (through the Kubernetes API "
                    + "server) and show its progress (default: ${DEFAULT-VALUE}). --no-spark-insight reads nothing.")
    boolean sparkInsight = true;

    @Option(names = "--fail-on-spark-job-failure", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fail (exit 1, reason SparkJobFailed) when a Spark job failed although the driver exited 0 "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean failOnSparkJobFailure = true;

    InsightOptions toOptions() {
        return InsightOptions.DEFAULT.withEnabled(sparkInsight).withFailOnSparkJobFailure(failOnSparkJobFailure);
    }
}
