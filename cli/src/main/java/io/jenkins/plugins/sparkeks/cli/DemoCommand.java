package io.jenkins.plugins.sparkeks.cli;

import io.jenkins.plugins.sparkeks.core.emr.EmrJobRequest;
import io.jenkins.plugins.sparkeks.core.job.Retention;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.job.WaitOptions;
import io.jenkins.plugins.sparkeks.core.k8s.submit.SparkSubmitRequest;
import io.jenkins.plugins.sparkeks.emulator.ScriptRule;
import io.jenkins.plugins.sparkeks.sandbox.DriverScript;
import io.jenkins.plugins.sparkeks.sandbox.DriverScripts;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.jenkins.plugins.sparkeks.core.insight.InsightOptions;
import io.jenkins.plugins.sparkeks.core.insight.SparkConfs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

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

    @ParentCommand
    SparkOnEks root;

    @Mixin
    CommonFlags common;

    @Option(names = "--only", paramLabel = "BACKEND", description = "Run one flow only: ${COMPLETION-CANDIDATES}.")
    Flow only;

    @Option(names = "--fail", description = "Script the drivers to fail, to see a failed verdict and exit code 1.")
    boolean fail;

    @Override
    public Integer call() {
        DriverScripts drivers = new DriverScripts();
        if (fail) {
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
                terminal.info("== sparkSubmitEks: driver pod on the embedded Kubernetes API " + engines.kubernetesSandbox().url());
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

    private static SparkSubmitRequest sparkPi() {
        return SparkSubmitRequest.builder(APP).namespace("spark-demo").image(IMAGE)
                .mainClass("org.apache.spark.examples.SparkPi").primaryResource(EXAMPLES).appArgs("100")
                .conf("spark.executor.instances", "2").build();
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
