package io.jenkins.plugins.sparkeks.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.sparkeks.emulator.DriverHost;
import io.jenkins.plugins.sparkeks.emulator.DriverLaunch;
import io.jenkins.plugins.sparkeks.emulator.JobRunRequest;
import io.jenkins.plugins.sparkeks.emulator.JobScript;
import io.jenkins.plugins.sparkeks.emulator.ScriptRule;
import io.jenkins.plugins.sparkeks.emulator.StartedJobRun;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import io.jenkins.plugins.sparkeks.emulator.logs.LogStore;
import io.jenkins.plugins.sparkeks.emulator.s3.ObjectStore;
import io.jenkins.plugins.sparkeks.emulator.wire.AccountContext;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * The EMR on EKS world: virtual clusters, job runs with their scripts, and the client-token index that makes
 * StartJobRun idempotent. Every method is called with the emulator's model lock held.
 */
public final class EmrModel {
    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final AccountContext account;
    private final LogStore logs;
    private final ObjectStore objects;
    private final JobLogPublisher publisher;
    private final Map<String, VirtualCluster> virtualClusters = new LinkedHashMap<>();
    private final Map<String, JobRun> runs = new LinkedHashMap<>();
    private final Map<String, String> runIdByClientToken = new HashMap<>();
    private final Map<String, JobScript> scriptsByName = new HashMap<>();
    // seeded: the same test produces the same job run ids on every run
    private final Random ids = new Random(20201001L);
    private ScriptRule defaultRule;
    private Duration streamLag;
    private DriverHost driverHost;
    private Object lock;

    public EmrModel(AccountContext account, LogStore logs, ObjectStore objects, ScriptRule defaultRule,
                    Duration streamLag) {
        this.account = account;
        this.publisher = new JobLogPublisher(logs, objects);
        this.defaultRule = defaultRule;
        this.streamLag = streamLag;
        this.logs = logs;
        this.objects = objects;
    }

    public VirtualCluster putVirtualCluster(VirtualCluster vc) {
        VirtualCluster stored = vc.createdAt() == null ? vc.withCreatedAt(now()) : vc;
        virtualClusters.put(vc.id(), stored);
        return stored;
    }

    Optional<VirtualCluster> virtualCluster(String id) {
        return Optional.ofNullable(virtualClusters.get(id));
    }

    List<VirtualCluster> virtualClusters() {
        return List.copyOf(virtualClusters.values());
    }

    public void script(String jobName, JobScript script) {
        scriptsByName.put(Objects.requireNonNull(jobName, "jobName"), Objects.requireNonNull(script, "script"));
    }

    public void defaultRule(ScriptRule rule) {
        this.defaultRule = Objects.requireNonNull(rule, "rule");
    }

    public void streamLag(Duration lag) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("log stream lag must not be negative, was " + lag);
        }
        this.streamLag = lag;
    }

    /**
     * Offers every spark-submit run accepted from now on to {@code host} ({@code null}: none); its reports change the
     * model under {@code lock}, the emulator's model lock.
     */
    public void driverHost(DriverHost host, Object lock) {
        this.driverHost = host;
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Starts a run, or returns the run this client token already started in this virtual cluster. */
    JobRun start(JobRunRequest request, JsonNode body, String createdBy) {
        String tokenKey = request.virtualClusterId() + "\n" + request.clientToken();
        String existing = runIdByClientToken.get(tokenKey);
        if (existing != null) {
            return runs.get(existing);
        }
        VirtualCluster vc = virtualClusters.get(request.virtualClusterId());
        Instant now = now();
        if (vc.maxInQueueJobRuns() != null && inQueue(vc.id(), now) >= vc.maxInQueueJobRuns()) {
            // AWS documents a ValidationException for a full queue but not its wording; this one names the limit
            int waiting = inQueue(vc.id(), now);
            throw AwsError.validation("The job run queue of virtual cluster " + vc.id() + " is full: " + waiting
                    + (waiting == 1 ? " job run is" : " job runs are") + " PENDING or SUBMITTED and"
                    + " schedulerConfiguration.maxInQueueJobRuns is " + vc.maxInQueueJobRuns());
        }
        JobScript script = Optional.ofNullable(scriptsByName.get(request.name()))
                .orElseGet(() -> defaultRule.scriptFor(request));
        String id = newId();
        String arn = "arn:aws:emr-containers:" + account.region() + ":" + account.accountId() + ":/virtualclusters/"
                + request.virtualClusterId() + "/jobruns/" + id;
        JobRun run = new JobRun(id, arn, createdBy, request, body, new JobTimeline(script, now,
                queuedFor(vc, now.plus(script.untilRunning())), null));
        runs.put(id, run);
        runIdByClientToken.put(tokenKey, id);
        if (driverHost != null && body.path("jobDriver").has("sparkSubmitJobDriver")) {
            driverHost.launch(launchOf(run, vc, body), events(run)).ifPresent(run::hostedBy);
        }
        request.logGroupName().ifPresent(group -> logs.createGroup(group));
        request.logUri().ifPresent(uri -> objects.createBucket(DriverLogLayout.bucketOf(uri)));
        return run;
    }

    private static DriverLaunch launchOf(JobRun run, VirtualCluster vc, JsonNode body) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (JsonNode c : body.path("configurationOverrides").path("applicationConfiguration")) {
            if ("spark-defaults".equals(c.path("classification").asText())) {
                c.path("properties").properties().forEach(e -> defaults.put(e.getKey(), e.getValue().asText()));
            }
        }
        JobRunRequest r = run.request;
        return new DriverLaunch(run.id, vc.id(), vc.eksClusterName(), vc.namespace(), r.name(), r.releaseLabel(),
                r.entryPoint(), r.entryPointArguments(), r.sparkSubmitParameters(), defaults);
    }

    /** The host's reports on {@code run}, applied under the model lock at the emulator clock's time. */
    private DriverHost.Events events(JobRun run) {
        Object modelLock = lock;
        String pod = "spark-" + run.id + "-driver";
        return new DriverHost.Events() {
            @Override
            public void running() {
                synchronized (modelLock) {
                    run.driverRunning(now());
                }
            }

            @Override
            public void log(String line) {
                synchronized (modelLock) {
                    run.driverPrinted(now(), line);
                }
            }

            @Override
            public void exited(int exitCode) {
                synchronized (modelLock) {
                    run.driverEnded(now(), exitCode == 0, "Job run failed: driver pod " + pod + " exited with code "
                            + exitCode);
                }
            }

            @Override
            public void lost(String reason) {
                synchronized (modelLock) {
                    run.driverEnded(now(), false, "Job run failed: driver pod " + pod + " " + reason);
                }
            }
        };
    }

    /** Runs of the virtual cluster waiting to run (PENDING or SUBMITTED), which maxInQueueJobRuns caps. */
    int inQueue(String virtualClusterId, Instant t) {
        return (int) runsOf(virtualClusterId).stream().map(r -> r.timeline().stateAt(t))
                .filter(s -> s.equals("PENDING") || s.equals("SUBMITTED")).count();
    }

    int running(String virtualClusterId, Instant t) {
        return (int) runsOf(virtualClusterId).stream().filter(r -> r.timeline().stateAt(t).equals("RUNNING")).count();
    }

    /**
     * How long a run that would start RUNNING at {@code wanted} waits in SUBMITTED for a slot under
     * maxConcurrentJobRuns: until enough earlier runs have released theirs, in the order they end.
     */
    private Duration queuedFor(VirtualCluster vc, Instant wanted) {
        if (vc.maxConcurrentJobRuns() == null) {
            return Duration.ZERO;
        }
        List<JobTimeline> others = runsOf(vc.id()).stream().map(JobRun::timeline)
                .filter(t -> t.slotReleasedAt() != null).toList();
        List<Instant> candidates = new ArrayList<>();
        candidates.add(wanted);
        others.stream().map(JobTimeline::slotReleasedAt).filter(at -> at.isAfter(wanted)).sorted().forEach(candidates::add);
        for (Instant at : candidates) {
            long holding = others.stream()
                    .filter(t -> !t.runningStart().isAfter(at) && t.slotReleasedAt().isAfter(at)).count();
            if (holding < vc.maxConcurrentJobRuns()) {
                return Duration.between(wanted, at);
            }
        }
        throw new IllegalStateException("no concurrency slot frees up; every earlier run ends, so this cannot happen");
    }

    Optional<JobRun> run(String virtualClusterId, String id) {
        return Optional.ofNullable(runs.get(id)).filter(r -> r.virtualClusterId().equals(virtualClusterId));
    }

    List<JobRun> runsOf(String virtualClusterId) {
        return runs.values().stream().filter(r -> r.virtualClusterId().equals(virtualClusterId)).toList();
    }

    public List<StartedJobRun> startedRuns() {
        return runs.values().stream().map(JobRun::view).toList();
    }

    public Optional<String> stateOf(String jobRunId) {
        return Optional.ofNullable(runs.get(jobRunId)).map(r -> r.timeline().stateAt(now()));
    }

    /** Publishes every run's output that is due by now; the emulator calls this before answering any request. */
    public void catchUp() {
        Instant now = now();
        for (JobRun run : new ArrayList<>(runs.values())) {
            publisher.catchUp(run, now, streamLag);
        }
    }

    Instant now() {
        return account.clock().instant();
    }

    private String newId() {
        String id;
        do {
            StringBuilder b = new StringBuilder("0000000");
            for (int i = 0; i < 12; i++) {
                b.append(ID_CHARS[ids.nextInt(ID_CHARS.length)]);
            }
            id = b.toString();
        } while (runs.containsKey(id));
        return id;
    }
}
