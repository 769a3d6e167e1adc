package io.jenkins.plugins.sparkeks.bench;

import io.jenkins.plugins.sparkeks.emulator.AwsEmulator;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import io.jenkins.plugins.sparkeks.sandbox.DriverScript;
import io.jenkins.plugins.sparkeks.sandbox.KubernetesSandbox;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The servers' JVM: the Kubernetes sandbox (fabric8 mock API server, simulated kubelet, streaming driver log) and
 * the AWS emulator in real time. Started by {@link ServerProcess} so that their CPU, threads and heap never count
 * as the engine's. Prints {@code key=value} lines and {@code ready}, then answers one command per stdin line with
 * one line starting {@code ok}; exits when stdin closes.
 */
public final class BenchServers {

    static final String VIRTUAL_CLUSTER_ID = "bench0vc000001";
    static final String LOG_GROUP = "/emr-on-eks/bench";
    static final String EKS_CLUSTER = "bench-eks";
    static final String NAMESPACE = "spark-bench";

    private BenchServers() {}

    public static void main(String[] args) throws Exception {
        try (KubernetesSandbox k8s = KubernetesSandbox.start();
                AwsEmulator aws = AwsEmulator.builder().clock(Clock.systemUTC()).logStreamLag(Duration.ofMillis(500))
                        .start();
                SparkUiStub sparkUi = new SparkUiStub()) {
            aws.virtualCluster(VirtualCluster.running(VIRTUAL_CLUSTER_ID, "bench", EKS_CLUSTER, NAMESPACE));
            aws.logGroup(LOG_GROUP);
            k8s.scripts().byDefault(DriverScript.sparkPi());
            TerminationTimes terminations = TerminationTimes.watch(k8s.client());
            System.out.println("k8s.url=" + k8s.url());
            System.out.println("k8s.logUrl=" + k8s.logUrl());
            System.out.println("aws.url=" + aws.endpoint());
            System.out.println("spark.uiUrl=" + sparkUi.url());
            System.out.println("aws.region=" + aws.region());
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                System.out.println(answer(line.trim().split(" "), k8s, aws, terminations));
                System.out.flush();
            }
        }
    }

    private static String answer(String[] command, KubernetesSandbox k8s, AwsEmulator aws,
            TerminationTimes terminations) {
        switch (command[0]) {
            case "k8s-script" -> {
                // pendingMs lines intervalMs
                k8s.scripts().byDefault(DriverScript.succeeding(lines("driver line", Integer.parseInt(command[2])))
                        .withPending(Duration.ofMillis(Long.parseLong(command[1])))
                        .withLineInterval(Duration.ofMillis(Long.parseLong(command[3]))));
                return "ok";
            }
            case "emr-script" -> {
                // pendingMs runningMs stdoutLines
                JobScript script = JobScript.builder().pending(Duration.ofMillis(Long.parseLong(command[1])))
                        .submitted(Duration.ZERO).running(Duration.ofMillis(Long.parseLong(command[2])))
                        .stdout(lines("emr line", Integer.parseInt(command[3]))).completes().build();
                aws.defaultScripts(request -> script);
                return "ok";
            }
            case "emr-pods" -> {
                // on|off: EMR runs get driver pods in the sandbox and their state follows them (emr-detect)
                if ("on".equals(command[1])) {
                    k8s.hostEmrDrivers(aws, EKS_CLUSTER);
                } else {
                    aws.driverHost(null);
                }
                return "ok";
            }
            case "calls" -> {
                StringJoiner out = new StringJoiner(" ", "ok ", "");
                for (Operation op : Operation.values()) {
                    out.add(op.name() + "=" + aws.calls(op));
                }
                return out.toString();
            }
            case "reset-calls" -> {
                aws.resetCalls();
                return "ok";
            }
            case "terminated" -> {
                // namespace: podName=epochMillis ... of pods whose driver container ended
                return ("ok " + terminations.in(command[1])).trim();
            }
            case "created" -> {
                return ("ok " + terminations.createdIn(command[1])).trim();
            }
            case "drivers" -> {
                return "ok " + k8s.driversStarted();
            }
            default -> {
                return "error unknown command " + command[0];
            }
        }
    }

    private static List<String> lines(String text, int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(text + " " + i);
        }
        return lines;
    }
}
