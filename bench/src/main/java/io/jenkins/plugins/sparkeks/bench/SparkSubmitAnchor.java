package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.core.k8s.SparkLabels;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code spark-submit} 3.5.6 (the conformance module's jars) in its own JVM, launched the way
 * {@code bin/spark-submit} launches {@code SparkSubmit}, against the sandbox's API server. It sees no kubeconfig,
 * Spark or Hadoop configuration, so only its arguments decide what it does.
 */
final class SparkSubmitAnchor {

    private static final List<String> ADD_OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
            "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
            "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/sun.nio.ch", "java.base/sun.nio.cs", "java.base/sun.security.action",
            "java.base/sun.util.calendar");

    private SparkSubmitAnchor() {}

    static boolean available(BenchContext context) {
        Path lib = context.options().sparkLib();
        return Files.isDirectory(lib) && Files.exists(lib.resolve("spark-kubernetes_2.12-3.5.6.jar"));
    }

    /** One submission of the Spark Pi example; {@code wait} keeps it following the driver until it ends. */
    static ChildProcess.Result submit(BenchContext context, String appName, String namespace, boolean wait)
            throws Exception {
        ServerProcess servers = context.servers();
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.java());
        // bin/spark-class's default driver heap for the launching JVM
        command.add("-Xmx1g");
        for (String module : ADD_OPENS) {
            command.add("--add-opens=" + module + "=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", context.options().sparkLib().toAbsolutePath() + File.separator + "*",
                "org.apache.spark.deploy.SparkSubmit", "--master", "k8s://" + servers.info("k8s.url"),
                "--deploy-mode", "cluster", "--name", appName, "--class", "org.apache.spark.examples.SparkPi",
                "--conf", "spark.kubernetes.namespace=" + namespace,
                "--conf", "spark.kubernetes.container.image=" + KubernetesEngineUnderTest.IMAGE,
                "--conf", "spark.kubernetes.submission.waitAppCompletion=" + wait,
                "--conf", "spark.kubernetes.report.interval=1s",
                // the sandbox's simulated kubelet runs only pods carrying this label
                "--conf", "spark.kubernetes.driver.label." + SparkLabels.MANAGED_BY + "=" + SparkLabels.MANAGED_BY_VALUE,
                "local:///opt/spark/examples/jars/spark-examples.jar", "100"));
        Path work = context.workDir();
        ChildProcess.Result r = ChildProcess.run(command, work, Map.of("KUBECONFIG", work.resolve("no-kubeconfig")
                .toString(), "SPARK_HOME", "", "SPARK_CONF_DIR", work.toString()), EngineClients.apiPort(servers), 180);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("spark-submit failed (" + r.exitCode() + "): " + tail(r.output()));
        }
        return r;
    }

    static String tail(String output) {
        return output.length() > 2000 ? output.substring(output.length() - 2000) : output;
    }
}
