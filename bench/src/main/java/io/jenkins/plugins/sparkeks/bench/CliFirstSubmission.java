package io.jenkins.plugins.sparkeks.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Row 1's CLI figures: {@code submit --no-wait} in a fresh JVM until the process exits, as a user runs it. With the
 * packaged CLI ({@code cli/target/spark-on-eks.jar}) three ways, alternating so that a busy machine weighs on each
 * alike: the launcher with its class-data sharing archive, the launcher without it, and plain {@code java -jar}
 * (how the launcher started the JVM before). Without the packaged jar (the test command stops before packaging) the
 * CLI runs from the benchmark's class path, and the row says so.
 */
final class CliFirstSubmission {

    private static final String SECTION = "1 submission";

    private final BenchContext context;
    private final ServerProcess servers;
    private final Path token;
    private int apps;

    CliFirstSubmission(BenchContext context) throws Exception {
        this.context = context;
        this.servers = context.servers();
        this.token = context.workDir().resolve("bench-token");
        Files.writeString(token, "bench");
    }

    List<Row> rows(int reps) throws Exception {
        Path root = repositoryRoot();
        if (root == null) {
            return List.of(fromClassPath(reps));
        }
        Path launcher = root.resolve("cli/bin/spark-on-eks");
        Path jar = root.resolve("cli/target/spark-on-eks.jar");
        Path archives = Files.createTempDirectory(context.workDir(), "cds");
        Map<String, String> withArchive = Map.of("JAVA", JavaCommand.java(), "SPARK_ON_EKS_CDS_DIR", archives.toString());
        Map<String, String> withoutArchive = Map.of("JAVA", JavaCommand.java(), "SPARK_ON_EKS_CDS", "off");
        // the launcher's first run trains and writes the archive, then submits with it
        ChildProcess.Result training = submit(List.of("sh", launcher.toString()), withArchive);
        List<ChildProcess.Result> cds = new ArrayList<>();
        List<ChildProcess.Result> lean = new ArrayList<>();
        List<ChildProcess.Result> plain = new ArrayList<>();
        List<ChildProcess.Result> version = new ArrayList<>();
        List<ChildProcess.Result> bareJvm = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            cds.add(submit(List.of("sh", launcher.toString()), withArchive));
            lean.add(submit(List.of("sh", launcher.toString()), withoutArchive));
            plain.add(submit(List.of(JavaCommand.java(), "-jar", jar.toString()), Map.of()));
            // the floors under the first figure: the same launcher, archive and JVM flags with no submission work,
            // and a JVM that only starts and exits
            version.add(run(List.of("sh", launcher.toString(), "--version"), withArchive));
            bareJvm.add(run(List.of(JavaCommand.java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-version"), Map.of()));
        }
        String anchor = "java -jar, no archive (before)";
        return List.of(
                Row.compared(SECTION, "CLI first submission, fresh JVM, launcher + CDS archive (start → exit)", "ms",
                        Better.LOWER, wall(cds), anchor, wall(plain))
                        .withNote("target ≤ 400; the archive-writing first run took " + Table.number(training.wallMs())
                                + " ms (" + Table.number(training.cpuMs()) + " CPU ms)"),
                Row.compared(SECTION, "CLI first submission, fresh JVM, launcher, no archive (start → exit)", "ms",
                        Better.LOWER, wall(lean), anchor, wall(plain))
                        .withNote("SPARK_ON_EKS_CDS=off: C1 only and the serial collector"),
                Row.compared(SECTION, "CLI first submission, CPU (launcher + CDS archive)", "CPU ms", Better.LOWER,
                        cpu(cds), anchor, cpu(plain))
                        .withNote("no archive: " + Table.number(cpu(lean).median()) + " CPU ms"),
                Row.alone(SECTION, "floor: launcher + CDS archive, `--version` (start → exit, no submission)", "ms",
                        wall(version)).withNote("JVM start, archive mapping and picocli; the submission adds the rest"),
                Row.alone(SECTION, "floor: bare JVM, `java -version` with the launcher's flags", "ms", wall(bareJvm))
                        .withNote("what no Java CLI on this machine can go below"));
    }

    private Row fromClassPath(int reps) throws Exception {
        List<ChildProcess.Result> runs = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            runs.add(submit(List.of(JavaCommand.java(), "-cp", context.classPath(),
                    "io.jenkins.plugins.sparkeks.cli.SparkOnEks"), Map.of()));
        }
        return Row.alone(SECTION, "CLI first submission, fresh JVM (start → exit)", "ms", wall(runs))
                .withNote("no cli/target/spark-on-eks.jar (package the cli module): the benchmark's class path, "
                        + "no launcher, no archive; target ≤ 400");
    }

    private ChildProcess.Result run(List<String> command, Map<String, String> env) throws Exception {
        ChildProcess.Result r = ChildProcess.run(command, context.workDir(), env, EngineClients.apiPort(servers), 60);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(command + " failed (" + r.exitCode() + "): " + SparkSubmitAnchor.tail(r.output()));
        }
        return r;
    }

    private ChildProcess.Result submit(List<String> start, Map<String, String> env) throws Exception {
        String app = "cli-" + apps++;
        List<String> command = new ArrayList<>(start);
        command.addAll(List.of("submit", "--server", servers.info("k8s.url"), "--token-file", token.toString(), "-n",
                "bench-submit-cli", "--name", app, "--image", KubernetesEngineUnderTest.IMAGE, "--class",
                "org.apache.spark.examples.SparkPi", "--no-wait", "local:///opt/spark/examples/jars/spark-examples.jar",
                "100"));
        Map<String, String> environment = new HashMap<>(env);
        // nothing in a Kubernetes submission may reach for the instance metadata service
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        ChildProcess.Result r = ChildProcess.run(command, context.workDir(), environment, EngineClients.apiPort(servers),
                180);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the CLI failed (" + r.exitCode() + "): " + SparkSubmitAnchor.tail(r.output()));
        }
        return r;
    }

    private static Samples wall(List<ChildProcess.Result> runs) {
        return Samples.of(runs.stream().map(ChildProcess.Result::wallMs).toList());
    }

    private static Samples cpu(List<ChildProcess.Result> runs) {
        return Samples.of(runs.stream().map(ChildProcess.Result::cpuMs).toList());
    }

    /** The checkout holding the packaged CLI: the working directory (the README's command) or its parent (tests). */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("cli/target/spark-on-eks.jar"))
                    && Files.isRegularFile(dir.resolve("cli/bin/spark-on-eks"))) {
                return dir;
            }
        }
        return null;
    }
}
