package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.sandbox.SparkRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Spark runtime {@code demo --real-spark} runs drivers on: the directory given, else
 * {@value #ENV}, else the place {@code sandbox/spark-apps} builds it, relative to the working directory or to the
 * tool's jar in a source checkout ({@code cli/target/spark-on-eks.jar}).
 */
final class RealSparkRuntime {

    static final String ENV = "SPARK_ON_EKS_SPARK_RUNTIME";

    private RealSparkRuntime() {}

    /**
     * @param given   the option's value; blank when the option was given without one
     * @param jarDir  the directory of the running jar, or null when not run from a jar
     * @throws IllegalArgumentException naming where it looked and the command that builds the runtime
     */
    static SparkRuntime locate(String given, Map<String, String> env, Path workingDir, Path jarDir) {
        List<Path> candidates = new ArrayList<>();
        if (given != null && !given.isBlank()) {
            candidates.add(Path.of(given));
        } else if (env.get(ENV) != null && !env.get(ENV).isBlank()) {
            candidates.add(Path.of(env.get(ENV)));
        } else {
            candidates.add(workingDir.resolve(SparkRuntime.DEFAULT_LOCATION));
            if (jarDir != null) {
                candidates.add(jarDir.resolve("..").resolve("..").resolve(SparkRuntime.DEFAULT_LOCATION));
            }
        }
        Optional<Path> found = candidates.stream().filter(p -> Files.isDirectory(p.resolve("lib"))).findFirst();
        if (found.isPresent()) {
            return SparkRuntime.at(found.get());
        }
        LinkedHashSet<String> looked = new LinkedHashSet<>();
        candidates.forEach(p -> looked.add(p.toAbsolutePath().normalize().toString()));
        throw new IllegalArgumentException("no Spark runtime at " + String.join(" or ", looked)
                + "; build it from the source checkout with: " + SparkRuntime.BUILD_COMMAND);
    }

    /** The directory of the jar this class was loaded from, or null (classes directory, tests). */
    static Path jarDir() {
        try {
            Path location = Path.of(RealSparkRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location.getParent() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
