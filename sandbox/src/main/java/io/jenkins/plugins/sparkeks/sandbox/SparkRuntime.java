package io.jenkins.plugins.sparkeks.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the sandbox finds real Spark: the layout {@code sandbox/spark-apps} builds in {@code target/spark-runtime},
 * {@code lib/} with Spark 3.5.6 and its dependencies from Maven Central, {@code apps/} with the one jar of
 * applications that stands in for the images' spark-examples jar.
 *
 * @param lib     the directory whose jars make the driver JVM's class path
 * @param appsJar the sandbox's Spark applications
 */
public record SparkRuntime(Path lib, Path appsJar) {

    /** The build command that lays the runtime out, for messages. */
    public static final String BUILD_COMMAND = "mvn -B -ntp -q package -pl sandbox/spark-apps";
    /** Where that command puts it, relative to the repository root. */
    public static final Path DEFAULT_LOCATION = Path.of("sandbox", "spark-apps", "target", "spark-runtime");

    public SparkRuntime {
        lib = lib.toAbsolutePath().normalize();
        appsJar = appsJar.toAbsolutePath().normalize();
    }

    /** The runtime laid out under {@code dir}; fails with what to build when it is not there. */
    public static SparkRuntime at(Path dir) {
        Path lib = dir.resolve("lib");
        Path apps = dir.resolve("apps");
        List<Path> sparkCore = jars(lib).stream()
                .filter(p -> p.getFileName().toString().startsWith("spark-core_")).toList();
        List<Path> appJars = jars(apps);
        if (sparkCore.isEmpty() || appJars.size() != 1) {
            throw new IllegalArgumentException("no Spark runtime at " + dir.toAbsolutePath().normalize()
                    + " (it needs lib/spark-core_*.jar and one jar in apps/); build it with: " + BUILD_COMMAND);
        }
        return new SparkRuntime(lib, appJars.get(0));
    }

    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
