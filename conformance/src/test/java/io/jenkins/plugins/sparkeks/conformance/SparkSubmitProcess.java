package io.jenkins.plugins.sparkeks.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code org.apache.spark.deploy.SparkSubmit} 3.5 in a child JVM: its fabric8 6.7 cannot share a
 * classpath with the core's fabric8 7. The child sees no kubeconfig (a developer's own cluster is never touched), no Spark or Hadoop conf dir and no PySpark
 * variables, so only the arguments decide what it builds.
 */
final class SparkSubmitProcess {

    private static final List<String> ADD_OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
            "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
            "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/sun.nio.ch", "java.base/sun.nio.cs", "java.base/sun.security.action", "java.base/sun.util.calendar");

    record Result(int exitCode, String output) {}

    private final Path sparkLib;
    private final Path workDir;

    SparkSubmitProcess(Path sparkLib, Path workDir) {
        this.sparkLib = sparkLib;
        this.workDir = workDir;
    }

    Result run(List<String> sparkSubmitArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        for (String module : ADD_OPENS) {
            command.add("--add-opens=" + module + "=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(sparkLib.toAbsolutePath() + File.separator + "*");
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.addAll(sparkSubmitArgs);

        // a missing file, not an empty one: Spark 3.5 fails on an empty kubeconfig
        Path noKubeconfig = workDir.resolve("no-kubeconfig");
        Path log = Files.createTempFile(workDir, "spark-submit", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        for (String name : List.of("SPARK_HOME", "SPARK_CONF_DIR", "HADOOP_CONF_DIR", "YARN_CONF_DIR",
                "PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "SPARK_LOCAL_DIRS", "SPARK_USER", "KUBERNETES_SERVICE_HOST")) {
            env.remove(name);
        }
        env.put("KUBECONFIG", noKubeconfig.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("spark-submit did not finish within 120 s; output:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
