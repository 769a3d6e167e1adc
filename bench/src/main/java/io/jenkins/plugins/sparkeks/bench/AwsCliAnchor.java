package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code aws emr-containers describe-job-run} as a shell loop runs it, against the emulator's endpoint: a few
 * calls measured, then scaled to one loop per run polling every {@link #INTERVAL_SECONDS}.
 */
final class AwsCliAnchor {

    /** The same interval as our poller's while runs are running, so calls compare like for like. */
    static final double INTERVAL_SECONDS = 20;

    record Call(double wallMs, double cpuMs) {}

    private AwsCliAnchor() {}

    static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "aws"))) {
                return true;
            }
        }
        return false;
    }

    static Call measure(BenchContext context, String jobRunId, int calls) throws Exception {
        ServerProcess servers = context.servers();
        Path script = context.workDir().resolve("aws-loop.sh");
        Files.writeString(script, "for i in $(seq " + calls + "); do aws emr-containers describe-job-run --id "
                + jobRunId + " --virtual-cluster-id " + BenchServers.VIRTUAL_CLUSTER_ID + " --endpoint-url "
                + servers.info("aws.url") + " --region " + servers.info("aws.region")
                + " --query jobRun.state --output text || exit 1; done\n");
        // the emulator's documented example keys: it checks no signature
        ChildProcess.Result r = ChildProcess.run(List.of("bash", script.toString()), context.workDir(),
                Map.of("AWS_ACCESS_KEY_ID", AwsEmulator.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY",
                        AwsEmulator.SECRET_ACCESS_KEY, "AWS_CONFIG_FILE", "/dev/null",
                        "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_PAGER", ""),
                -1, 300);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("aws CLI failed: " + SparkSubmitAnchor.tail(r.output()));
        }
        return new Call(r.wallMs() / calls, r.cpuMs() / calls);
    }
}
