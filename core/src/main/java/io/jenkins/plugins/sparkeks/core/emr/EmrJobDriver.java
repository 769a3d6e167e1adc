package io.jenkins.plugins.sparkeks.core.emr;

import java.util.List;

/** What the job run executes: exactly one of EMR's two job drivers. */
public sealed interface EmrJobDriver {

    /** The application file (jar, py or sql) the driver runs; sent to EMR, never printed by us. */
    String entryPoint();

    /**
     * {@code sparkSubmitJobDriver}: the same as {@code spark-submit <sparkSubmitParameters> entryPoint args...}.
     *
     * @param entryPoint            {@code s3://}, {@code local://} or {@code https://} location of the application
     * @param entryPointArguments   the application's arguments
     * @param sparkSubmitParameters e.g. {@code --class org.example.Main --conf spark.executor.instances=2}
     */
    record SparkSubmit(String entryPoint, List<String> entryPointArguments, String sparkSubmitParameters)
            implements EmrJobDriver {
        public SparkSubmit {
            entryPointArguments = entryPointArguments == null ? List.of() : List.copyOf(entryPointArguments);
        }
    }

    /**
     * {@code sparkSqlJobDriver}: runs a SQL file.
     *
     * @param entryPoint         location of the SQL file
     * @param sparkSqlParameters e.g. {@code --conf spark.sql.shuffle.partitions=10}
     */
    record SparkSql(String entryPoint, String sparkSqlParameters) implements EmrJobDriver {}
}
