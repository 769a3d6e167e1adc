package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.insight.SparkConfs;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.emulator.ScriptRule;
import io.jenkins.plugins.sparkeks.sandbox.DriverScript;
import io.jenkins.plugins.sparkeks.sandbox.DriverScripts;
import io.jenkins.plugins.sparkeks.sandbox.SparkRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code demo}: both flows end to end against the embedded sandbox, no AWS account needed. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run both flows end to end on this machine, without AWS or a cluster: a Spark driver pod on "
                + "an embedded Kubernetes API, and an EMR on EKS job run on the local AWS emulator, each with its "
                + "driver log and the result a pipeline would gate on."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:both jobs succeeded", "1:a job failed (expected with --fail)", "5:the sandbox failed"})
final class DemoCommand implements Callable<Integer> {

    enum Flow { kubernetes, emr }

    static final String APP = "spark-pi";
    static final String IMAGE = "public.ecr.aws/emr-on-eks/spark/emr-7.5.0:latest";
    static final String EXAMPLES = "local:///usr/lib/spark/examples/jars/spark-examples.jar";
    /** One of the sandbox's Spark applications (sandbox/spark-apps): runs a job, then throws from main. */
    static final String THROWING_DRIVER = "io.jenkins.plugins.sparkeks.sparkapps.ThrowingDriver";

    @ParentCommand
    SparkOnEks root;

    @Mixin
    CommonFlags common;

    @Option(names = "--only", paramLabel = "BACKEND", description = "Run one flow only: ${COMPLETION-CANDIDATES}.")
    Flow only;

    @Option(names = "--fail", description = "Make the drivers fail, to see a failed verdict and exit code 1.")
    boolean fail;

    @Option(names = "--real-spark", arity = "0..1", paramLabel = "DIR", fallbackValue = "",
            description = {"Run the Kubernetes flow's driver for real: Spark 3.5.6 in local mode in a child JVM, with "
                    + "Spark's own log and its UI behind the API server's proxy path. DIR holds the runtime built by "
                    + "'" + SparkRuntime.BUILD_COMMAND + "' (default: $" + RealSparkRuntime.ENV + ", else "
                    + "sandbox/spark-apps/target/spark-runtime of the source checkout)."})
    String realSpark;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        DriverScripts drivers = new DriverScripts();
        if (realSpark != null) {
            try {
                drivers.realSpark(RealSparkRuntime.locate(realSpark, System.getenv(), Path.of(""),
                        RealSparkRuntime.jarDir()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--real-spark: " + e.getMessage());
            }
        } else if (fail) {
            drivers.byDefault(DriverScript.failing(1, List.of(
                    "INFO SparkContext: Running Spark version 3.5.6",
                    "ERROR SparkContext: Error initializing SparkContext.",
                    "java.lang.IllegalStateException: scripted failure (spark-on-eks demo --fail)")));
        }
        try (SandboxEngines engines = new SandboxEngines(drivers, ScriptRule.byName())) {
            Terminal terminal = new Terminal(root.out(), root.err(), common.output, root.interactive());
            JobSession session = new JobSession(terminal, root.interrupts(), new ReferenceCodec());
            if (common.output == OutputFormat.json) {
                terminal.gatherResults();
            }
            int exit = ExitCodes.OK;
            WaitFlags wait = new WaitFlags();
            WaitOptions options = new WaitOptions(Duration.ofMinutes(1), Duration.ofMinutes(2), true, Retention.KEEP, null);
            SubmissionKey key = new SubmissionKey("demo:" + UUID.randomUUID());
            if (only == null || only == Flow.kubernetes) {
                terminal.info("== sparkSubmitEks: driver pod on the embedded Kubernetes API " + engines.kubernetesSandbox().url()
                        + (realSpark == null ? "" : " (its driver runs for real: Spark in local mode in a child JVM)"));
                JobSession.Outcome o = session.submit(engines.withInsight(engines.kubernetes(null),
                        InsightOptions.DEFAULT, SparkSubmitRequest::conf), sparkPi(), key, wait, options);
                show(terminal, "sparkSubmitEks", o);
                exit = worst(exit, o.exitCode());
            }
            if (only == null || only == Flow.emr) {
                terminal.info("== emrStartJobRun: EMR on EKS job run on the AWS emulator " + engines.awsEmulator().endpoint());
                JobSession.Outcome o = session.submit(engines.withInsight(engines.emr(null), InsightOptions.DEFAULT,
                        SparkConfs::of), emrPi(), key, wait, options);
                show(terminal, "emrStartJobRun", o);
                exit = worst(exit, o.exitCode());
            }
            if (common.output == OutputFormat.json) {
                terminal.printGathered();
            }
            return exit;
        }
    }

    private void show(Terminal terminal, String step, JobSession.Outcome outcome) {
        if (common.output == OutputFormat.text) {
            terminal.answer("-- " + step + " returned (the map a pipeline gates on):");
            terminal.answer(terminal.json(outcome.result().toMap()));
        }
    }

    private static int worst(int a, int b) {
        return a != ExitCodes.OK ? a : b;
    }

    /** SparkPi; with {@code --fail --real-spark} a real driver that throws, since real SparkPi succeeds. */
    private SparkSubmitRequest sparkPi() {
        String mainClass = fail && realSpark != null ? THROWING_DRIVER : "org.apache.spark.examples.SparkPi";
        SparkSubmitRequest.Builder b = SparkSubmitRequest.builder(fail && realSpark != null ? APP + "-fail" : APP)
                .namespace("spark-demo").image(IMAGE).mainClass(mainClass).primaryResource(EXAMPLES).appArgs("100")
                .conf("spark.executor.instances", "2");
        if (realSpark != null) {
            // a real driver writes its event log where the demo reads it after the end: complete counts in the result
            b.conf("spark.eventLog.enabled", "true").conf("spark.eventLog.dir", eventLogDir().toUri().toString());
        }
        return b.build();
    }

    private static Path eventLogDir() {
        try {
            Path dir = Files.createTempDirectory("spark-on-eks-demo-events");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory for the demo's Spark event log", e);
        }
    }

    private EmrJobRequest emrPi() {
        return EmrJobRequest.builder().name(fail ? APP + "-fail" : APP)
                .virtualClusterName(SandboxEngines.VIRTUAL_CLUSTER_NAME, null)
                .executionRoleArn("arn:aws:iam::111122223333:role/emr-demo-job").releaseLabel("emr-7.5.0-latest")
                .sparkSubmit(EXAMPLES, List.of("100"), "--class org.apache.spark.examples.SparkPi")
                .cloudWatchLogs(SandboxEngines.LOG_GROUP, "demo")
                .build();
    }
}
