package io.jenkins.plugins.sparkeks.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one run measures: the job counts for the scaling rows, the repetitions behind each median and p99, the
 * Spark 3.5.6 jars for the spark-submit anchor, and optionally only some scenarios.
 */
public record BenchOptions(List<Integer> scales, int repetitions, Path sparkLib, Set<String> only, Path workDir,
        int emrRunSeconds) {

    /** Where the build copied them; the surefire run passes the absolute path as {@code spark35.libDir}. */
    static final Path DEFAULT_SPARK_LIB = Path.of(System.getProperty("spark35.libDir",
            "conformance/spark-jars/target/spark-3.5.6"));

    public BenchOptions {
        scales = List.copyOf(scales);
        only = Set.copyOf(only);
        if (repetitions < 1 || scales.isEmpty() || emrRunSeconds < 1) {
            throw new IllegalArgumentException("need at least one repetition and one scale");
        }
    }

    /** {@code --scales=1,100,1000 --reps=5 --spark-lib=DIR --only=a,b --work=DIR --emr-run-seconds=60}. */
    static BenchOptions parse(String[] args) throws java.io.IOException {
        List<Integer> scales = List.of(1, 100, 1000);
        int reps = 5;
        int emrRunSeconds = 60;
        Path sparkLib = DEFAULT_SPARK_LIB;
        Set<String> only = Set.of();
        Path work = null;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--scales=")) {
                List<Integer> s = new ArrayList<>();
                for (String n : value.split(",")) {
                    s.add(Integer.parseInt(n.trim()));
                }
                scales = s;
            } else if (arg.startsWith("--reps=")) {
                reps = Integer.parseInt(value);
            } else if (arg.startsWith("--spark-lib=")) {
                sparkLib = Path.of(value);
            } else if (arg.startsWith("--only=")) {
                only = Set.of(value.split(","));
            } else if (arg.startsWith("--emr-run-seconds=")) {
                emrRunSeconds = Integer.parseInt(value);
            } else if (arg.startsWith("--work=")) {
                work = Path.of(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (known: --scales=1,100,1000 --reps=5 --spark-lib=DIR --only=NAME,... --work=DIR --emr-run-seconds=60)");
            }
        }
        if (work == null) {
            work = Files.createTempDirectory("spark-on-eks-bench");
        }
        Files.createDirectories(work);
        return new BenchOptions(scales, reps, sparkLib, only, work, emrRunSeconds);
    }

    boolean runs(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }
}
