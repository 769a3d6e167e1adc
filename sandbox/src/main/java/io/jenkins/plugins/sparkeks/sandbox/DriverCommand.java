package io.jenkins.plugins.sparkeks.sandbox;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The child JVM that stands in for a driver container: what the Spark image's entrypoint does with
 * {@code driver --properties-file ... --class ... <resource> <args>} (spark-submit in client mode), with the
 * master turned into local mode ({@value #MASTER}) and every address and port made local, so the application runs on this machine
 * exactly as submitted otherwise.
 *
 * @param command     the process's command line
 * @param environment the process's whole environment
 * @param properties  {@code spark.properties} as the child reads it
 */
record DriverCommand(List<String> command, Map<String, String> environment, Map<String, String> properties) {

    /**
     * Spark's local mode with two task threads, through the apps jar's cluster manager so the application keeps the
     * {@code spark.app.id} it was submitted with (UI, REST API and event log then name it as on Kubernetes).
     */
    static final String MASTER = "local-sandbox[2]";
    static final String LOOPBACK = "127.0.0.1";
    /** The heap of every real driver: enough for Spark's 450 MiB floor, whatever the pod asks for. */
    static final String HEAP = "-Xmx512m";

    /** Spark 3.5 on Java 17 needs these opened, as its launcher scripts do. */
    private static final List<String> ADD_OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
            "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
            "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/sun.nio.ch", "java.base/sun.nio.cs", "java.base/sun.security.action",
            "java.base/sun.util.calendar");

    /**
     * Overrides on the command line, where they beat {@code spark.properties}: ports 0 so drivers never collide
     * (the UI's real port is read from the driver's log), the pod IP and service name replaced by loopback, no
     * console progress bar in the container log.
     */
    private static final Map<String, String> LOCAL_CONF = orderedMap(
            "spark.driver.bindAddress", LOOPBACK,
            "spark.driver.host", LOOPBACK,
            "spark.driver.port", "0",
            "spark.driver.blockManager.port", "0",
            "spark.blockManager.port", "0",
            "spark.ui.port", "0",
            "spark.ui.showConsoleProgress", "false");

    /** spark-submit options that take no value. */
    private static final Set<String> FLAGS = Set.of("--verbose", "-v", "--supervise");

    /** Variables of this machine that would change what Spark does (and a kubeconfig it must never see). */
    private static final List<String> HOST_VARIABLES = List.of("SPARK_HOME", "SPARK_CONF_DIR", "HADOOP_CONF_DIR",
            "YARN_CONF_DIR", "PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "SPARK_LOCAL_DIRS", "SPARK_USER",
            "SPARK_LOCAL_IP", "KUBERNETES_SERVICE_HOST", "KUBECONFIG", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

    /** Variables the pod sets that point into the container's file system or network; replaced locally. */
    private static final Set<String> CONTAINER_VARIABLES = Set.of("SPARK_CONF_DIR", "SPARK_LOCAL_DIRS",
            "SPARK_DRIVER_BIND_ADDRESS");

    DriverCommand {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        properties = Map.copyOf(properties);
    }

    /**
     * @param podArgs    the driver container's arguments
     * @param podEnv     its environment (values from references are not resolved and so left out)
     * @param properties the mounted {@code spark.properties}
     * @param confFile   where the child's {@code spark.properties} will be written
     * @param localDir   the child's scratch space
     * @throws IllegalArgumentException for a container the sandbox cannot run (not a JVM driver)
     */
    static DriverCommand of(List<String> podArgs, List<EnvVar> podEnv, Map<String, String> properties,
            SparkRuntime runtime, Path confFile, Path localDir, Map<String, String> hostEnvironment) {
        if (podArgs.isEmpty() || !"driver".equals(podArgs.get(0))) {
            throw new IllegalArgumentException("the sandbox runs JVM drivers only (container arguments starting with"
                    + " \"driver\"), not " + (podArgs.isEmpty() ? "none" : "\"" + podArgs.get(0) + "\""));
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // Spark's own scratch directories go with the driver's, even when the JVM is killed
                "-Djava.io.tmpdir=" + localDir));
        ADD_OPENS.forEach(module -> command.add("--add-opens=" + module + "=ALL-UNNAMED"));
        // the apps jar on the class path too: its cluster manager serves the master whatever the primary resource
        String classPath = runtime.lib() + File.separator + "*" + File.pathSeparator + runtime.appsJar();
        command.addAll(List.of("-cp", classPath, "org.apache.spark.deploy.SparkSubmit",
                "--master", MASTER, "--deploy-mode", "client"));
        LOCAL_CONF.forEach((k, v) -> command.addAll(List.of("--conf", k + "=" + v)));
        command.addAll(submitArguments(podArgs.subList(1, podArgs.size()), runtime, confFile));

        Map<String, String> env = new TreeMap<>(hostEnvironment);
        HOST_VARIABLES.forEach(env::remove);
        for (EnvVar v : podEnv) {
            if (v.getValue() != null && !CONTAINER_VARIABLES.contains(v.getName())) {
                env.put(v.getName(), v.getValue());
            }
        }
        env.put("SPARK_CONF_DIR", confFile.getParent().toString());
        env.put("SPARK_LOCAL_DIRS", localDir.toString());
        // the UI binds every interface unless told otherwise
        env.put("SPARK_LOCAL_IP", LOOPBACK);
        // a missing file, not an empty one: Spark fails on an empty kubeconfig, and must never find the user's
        env.put("KUBECONFIG", confFile.resolveSibling("no-kubeconfig").toString());
        return new DriverCommand(command, env, localProperties(properties, runtime));
    }

    private static List<String> submitArguments(List<String> args, SparkRuntime runtime, Path confFile) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            String option = args.get(i);
            out.add(option);
            if (FLAGS.contains(option) || option.contains("=") || i + 1 >= args.size()) {
                continue;
            }
            String value = args.get(++i);
            out.add(switch (option) {
                case "--properties-file" -> confFile.toString();
                case "--class" -> ExampleApps.mainClass(value);
                default -> value;
            });
        }
        if (i < args.size()) {
            out.add(resource(args.get(i), runtime));
            out.addAll(args.subList(i + 1, args.size()));
        }
        return out;
    }

    private static String resource(String resource, SparkRuntime runtime) {
        return ExampleApps.isExamplesJar(resource) ? runtime.appsJar().toUri().toString() : resource;
    }

    /** {@code spark.jars} lists the primary resource too (as spark-submit writes it): map the examples there. */
    private static Map<String, String> localProperties(Map<String, String> properties, SparkRuntime runtime) {
        Map<String, String> local = new TreeMap<>(properties);
        String jars = local.get("spark.jars");
        if (jars != null && !jars.isBlank()) {
            local.put("spark.jars", Arrays.stream(jars.split(","))
                    .map(String::trim)
                    .map(jar -> resource(jar, runtime))
                    .collect(Collectors.joining(",")));
        }
        return local;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
