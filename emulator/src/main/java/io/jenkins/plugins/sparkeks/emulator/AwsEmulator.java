package io.jenkins.plugins.sparkeks.emulator;

import io.jenkins.plugins.sparkeks.emulator.eks.EksService;
import io.jenkins.plugins.sparkeks.emulator.emr.EmrContainersService;
import io.jenkins.plugins.sparkeks.emulator.emr.EmrModel;
import io.jenkins.plugins.sparkeks.emulator.logs.CloudWatchLogsService;
import io.jenkins.plugins.sparkeks.emulator.logs.LogStore;
import io.jenkins.plugins.sparkeks.emulator.s3.ObjectStore;
import io.jenkins.plugins.sparkeks.emulator.s3.S3Service;
import io.jenkins.plugins.sparkeks.emulator.sts.Identities;
import io.jenkins.plugins.sparkeks.emulator.sts.StsService;
import io.jenkins.plugins.sparkeks.emulator.wire.AccountContext;
import io.jenkins.plugins.sparkeks.emulator.wire.ServiceHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A local AWS for EMR on EKS: one HTTP endpoint on 127.0.0.1 speaking the real emr-containers, CloudWatch Logs, S3,
 * STS and EKS wire protocols, so the AWS SDK and the AWS CLI work against it unchanged (point them at
 * {@link #endpoint()}; S3 clients need path-style addressing). Job runs follow {@linkplain JobScript scripts} on the
 * emulator's clock: with a {@link ManualClock} a test moves time itself and nothing happens behind its back; with the
 * system clock (the CLI demo) jobs progress in real time.
 *
 * <pre>{@code
 * try (AwsEmulator aws = AwsEmulator.start()) {
 *     aws.virtualCluster(VirtualCluster.running("vc1", "analytics", "eks-prod", "spark"))
 *        .script("nightly", JobScript.builder().running(Duration.ofMinutes(5)).stdout("Pi is roughly 3.14").build());
 *     // ... StartJobRun through the SDK with endpointOverride(aws.endpoint()) ...
 *     aws.advance(Duration.ofMinutes(6));
 *     assertThat(aws.calls(Operation.DESCRIBE_JOB_RUN)).isLessThan(10);
 * }
 * }</pre>
 */
public final class AwsEmulator implements AutoCloseable {
    /** The AWS documentation's example key pair; any key works, these just keep tests tidy. */
    public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** Where a manual clock starts unless told otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final Object modelLock = new Object();
    private final AccountContext account;
    private final EmrModel emr;
    private final LogStore logs = new LogStore();
    private final ObjectStore objects = new ObjectStore();
    private final Identities identities;
    private final EksService eks;
    private final Faults faults = new Faults();
    private final CallLog calls;
    private final EmulatorServer server;

    private AwsEmulator(Builder b) {
        this.account = new AccountContext(b.region, b.accountId, b.clock);
        this.emr = new EmrModel(account, logs, objects, b.defaultScripts, b.logStreamLag);
        this.identities = new Identities(b.accountId);
        this.eks = new EksService(account);
        this.calls = new CallLog(b.clock);
        Map<String, ServiceHandler> services = Map.of(
                Operation.Service.EMR_CONTAINERS.signingName(),
                new EmrContainersService(account, emr, identities::arnOf),
                Operation.Service.LOGS.signingName(), new CloudWatchLogsService(account, logs),
                Operation.Service.S3.signingName(), new S3Service(objects),
                Operation.Service.STS.signingName(), new StsService(account, identities),
                Operation.Service.EKS.signingName(), eks);
        try {
            this.server = new EmulatorServer(b.port, services, modelLock, emr::catchUp, faults, calls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the AWS emulator to 127.0.0.1:" + b.port, e);
        }
    }

    /** An emulator on an ephemeral port with a {@link ManualClock} at {@link #DEFAULT_START}. */
    public static AwsEmulator start() {
        return builder().start();
    }

    /** An emulator whose jobs progress in real time, for demos. */
    public static AwsEmulator startRealTime() {
        return builder().clock(Clock.systemUTC()).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for every service. */
    public URI endpoint() {
        return server.endpoint();
    }

    public String region() {
        return account.region();
    }

    public String accountId() {
        return account.accountId();
    }

    /** Registers or replaces a virtual cluster. */
    public AwsEmulator virtualCluster(VirtualCluster virtualCluster) {
        synchronized (modelLock) {
            emr.putVirtualCluster(Objects.requireNonNull(virtualCluster, "virtualCluster"));
        }
        return this;
    }

    /** Registers or replaces an EKS cluster for DescribeCluster. */
    public AwsEmulator eksCluster(EksCluster cluster) {
        synchronized (modelLock) {
            eks.put(Objects.requireNonNull(cluster, "cluster"));
        }
        return this;
    }

    /** The script for every job run started with this name from now on. */
    public AwsEmulator script(String jobName, JobScript script) {
        synchronized (modelLock) {
            emr.script(jobName, script);
        }
        return this;
    }

    /** The rule choosing scripts for job runs whose name has no script. */
    public AwsEmulator defaultScripts(ScriptRule rule) {
        synchronized (modelLock) {
            emr.defaultRule(rule);
        }
        return this;
    }

    /**
     * Lets {@code host} run the drivers of spark-submit job runs accepted from now on (it may decline any run); with
     * {@code null}, or a host that declines, runs follow their scripts. See {@link DriverHost}.
     */
    public AwsEmulator driverHost(DriverHost host) {
        synchronized (modelLock) {
            emr.driverHost(host, modelLock);
        }
        return this;
    }

    /** How long after the driver starts its CloudWatch streams come to exist. */
    public AwsEmulator logStreamLag(Duration lag) {
        synchronized (modelLock) {
            emr.streamLag(lag);
        }
        return this;
    }

    /** Creates a log group, as if someone had created it before any job wrote to it. */
    public AwsEmulator logGroup(String name) {
        synchronized (modelLock) {
            logs.createGroup(name);
        }
        return this;
    }

    /** Creates a stream with no events, as a log agent does for a file nothing is written to. */
    public AwsEmulator logStream(String group, String stream) {
        synchronized (modelLock) {
            logs.createStream(group, stream, account.clock().instant());
        }
        return this;
    }

    /** Writes one event into a stream (created if needed), ingested now. */
    public AwsEmulator logEvent(String group, String stream, Instant timestamp, String message) {
        synchronized (modelLock) {
            logs.append(group, stream, timestamp, account.clock().instant(), message);
        }
        return this;
    }

    /** Stores an S3 object (bucket created if needed). */
    public AwsEmulator s3Object(String bucket, String key, byte[] content) {
        synchronized (modelLock) {
            objects.put(bucket, key, content, account.clock().instant());
        }
        return this;
    }

    public Faults faults() {
        return faults;
    }

    /** Requests received for the operation, faulted and dropped ones included. */
    public int calls(Operation operation) {
        return calls.count(operation);
    }

    public List<RecordedCall> recordedCalls() {
        return calls.all();
    }

    public void resetCalls() {
        calls.clear();
    }

    public Clock clock() {
        return account.clock();
    }

    /** Moves a manual clock forward; refused in real-time mode. */
    public AwsEmulator advance(Duration by) {
        if (!(account.clock() instanceof ManualClock manual)) {
            throw new IllegalStateException("advance() needs a ManualClock; this emulator runs on " + account.clock());
        }
        manual.advance(by);
        return this;
    }

    /** Every job run accepted so far, oldest first. */
    public List<StartedJobRun> jobRuns() {
        synchronized (modelLock) {
            return emr.startedRuns();
        }
    }

    /** The state a DescribeJobRun would report now. */
    public Optional<String> jobRunState(String jobRunId) {
        synchronized (modelLock) {
            return emr.stateOf(jobRunId);
        }
    }

    /** Role sessions STS handed out, oldest first. */
    public List<AssumedRoleSession> assumedRoles() {
        synchronized (modelLock) {
            return identities.sessions();
        }
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "AwsEmulator[" + endpoint() + ", " + account.region() + ", " + account.clock() + "]";
    }

    /** Settings of an emulator; everything has a default. */
    public static final class Builder {
        private Clock clock = new ManualClock(DEFAULT_START);
        private String region = "us-east-1";
        private String accountId = "111122223333";
        private Duration logStreamLag = Duration.ofSeconds(5);
        private ScriptRule defaultScripts = ScriptRule.byName();
        private int port;

        private Builder() {
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        public Builder accountId(String accountId) {
            if (!accountId.matches("\\d{12}")) {
                throw new IllegalArgumentException("accountId must be 12 digits, was " + accountId);
            }
            this.accountId = accountId;
            return this;
        }

        public Builder logStreamLag(Duration lag) {
            if (lag.isNegative()) {
                throw new IllegalArgumentException("logStreamLag must not be negative, was " + lag);
            }
            this.logStreamLag = lag;
            return this;
        }

        public Builder defaultScripts(ScriptRule rule) {
            this.defaultScripts = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** 0 (the default) picks a free ephemeral port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public AwsEmulator start() {
            return new AwsEmulator(this);
        }
    }
}
