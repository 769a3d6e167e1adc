package io.jenkins.plugins.sparkeks.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a command: the launcher ({@code cli/bin/spark-on-eks}) runs this once, under
 * {@code -XX:ArchiveClassesAtExit}, to write the class-data sharing archive every later start maps instead of
 * loading, parsing and verifying the same few thousand classes again. It loads what a real submission loads by
 * making one: the command line parsed by picocli, a fabric8 client on the JDK HTTP client, the driver pod, its
 * ConfigMap and Service serialized and their answers read back, in text and in JSON output, against a
 * {@link TrainingApiServer} on the loopback interface. Nothing leaves the machine.
 */
final class CdsTraining {

    private CdsTraining() {}

    public static void main(String[] args) throws Exception {
        boolean ok;
        try (TrainingApiServer api = new TrainingApiServer()) {
            ok = run(api);
        }
        System.exit(ok ? ExitCodes.OK : ExitCodes.ERROR);
    }

    /** True when both submissions to {@code api} went through (a shorter training still archives what it loaded). */
    static boolean run(TrainingApiServer api) throws Exception {
        Path token = Files.createTempFile("spark-on-eks-training", ".token");
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            Files.writeString(token, "training");
            boolean ok = true;
            for (String output : new String[] {"text", "json"}) {
                int code = SparkOnEks.commandLine(ClusterEngines::new, action -> () -> { }, discard, discard, false)
                        .execute("submit", "--server", api.url(), "--token-file", token.toString(),
                                "--namespace", "training", "--name", "training-" + output, "--image", "training",
                                "--class", "Training", "--output", output, "--no-wait", "local:///training.jar");
                ok &= code == ExitCodes.OK;
            }
            return ok;
        } finally {
            Files.deleteIfExists(token);
        }
    }
}
