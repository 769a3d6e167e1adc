package io.jenkins.plugins.sparkeks.emulator.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.sparkeks.emulator.JobRunRequest;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.VirtualCluster;
import io.jenkins.plugins.sparkeks.emulator.wire.AccountContext;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsRequest;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsResponse;
import io.jenkins.plugins.sparkeks.emulator.wire.Json;
import io.jenkins.plugins.sparkeks.emulator.wire.Protocol;
import io.jenkins.plugins.sparkeks.emulator.wire.ServiceHandler;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EMR on EKS ({@code emr-containers}) over REST-JSON: job runs and virtual clusters. */
public final class EmrContainersService implements ServiceHandler {
    private static final Pattern JOB_RUNS = Pattern.compile("/virtualclusters/([^/]+)/jobruns");
    private static final Pattern JOB_RUN = Pattern.compile("/virtualclusters/([^/]+)/jobruns/([^/]+)");
    private static final Pattern VIRTUAL_CLUSTER = Pattern.compile("/virtualclusters/([^/]+)");
    private static final Set<String> JOB_STATES = Set.of("PENDING", "SUBMITTED", "RUNNING", "FAILED", "CANCELLED",
            "CANCEL_PENDING", "COMPLETED");
    private static final Set<String> CLUSTER_STATES = Set.of("RUNNING", "TERMINATING", "TERMINATED", "ARRESTED");
    private static final int DEFAULT_PAGE = 50;

    private final AccountContext account;
    private final EmrModel model;
    private final Function<String, String> callerArn;

    /** @param callerArn the IAM identity ARN of an access key, reported as a job run's {@code createdBy} */
    public EmrContainersService(AccountContext account, EmrModel model, Function<String, String> callerArn) {
        this.account = account;
        this.model = model;
        this.callerArn = callerArn;
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public Operation operationOf(AwsRequest request) {
        String path = request.path();
        String method = request.method();
        if (JOB_RUN.matcher(path).matches()) {
            if (method.equals("GET")) {
                return Operation.DESCRIBE_JOB_RUN;
            }
            if (method.equals("DELETE")) {
                return Operation.CANCEL_JOB_RUN;
            }
        } else if (JOB_RUNS.matcher(path).matches()) {
            if (method.equals("POST")) {
                return Operation.START_JOB_RUN;
            }
            if (method.equals("GET")) {
                return Operation.LIST_JOB_RUNS;
            }
        } else if (VIRTUAL_CLUSTER.matcher(path).matches() && method.equals("GET")) {
            return Operation.DESCRIBE_VIRTUAL_CLUSTER;
        } else if (path.equals("/virtualclusters") && method.equals("GET")) {
            return Operation.LIST_VIRTUAL_CLUSTERS;
        }
        throw new AwsError(404, "UnknownOperationException",
                "The emulator serves no emr-containers operation at " + method + " " + path);
    }

    @Override
    public AwsResponse handle(Operation operation, AwsRequest request) {
        ObjectNode out = switch (operation) {
            case START_JOB_RUN -> startJobRun(request);
            case DESCRIBE_JOB_RUN -> describeJobRun(request);
            case LIST_JOB_RUNS -> listJobRuns(request);
            case CANCEL_JOB_RUN -> cancelJobRun(request);
            case LIST_VIRTUAL_CLUSTERS -> listVirtualClusters(request);
            case DESCRIBE_VIRTUAL_CLUSTER -> describeVirtualCluster(request);
            default -> throw new IllegalArgumentException("not an emr-containers operation: " + operation);
        };
        return AwsResponse.json(200, "application/json", out);
    }

    private ObjectNode startJobRun(AwsRequest request) {
        String vcId = group(JOB_RUNS, request.path(), 1);
        VirtualCluster vc = existingCluster(vcId);
        if (!vc.state().equals("RUNNING")) {
            throw AwsError.validation("Virtual cluster " + vcId + " is not in RUNNING state (it is " + vc.state()
                    + ")");
        }
        JsonNode body = Json.parse(request.body());
        JobRunRequest parsed = StartJobRunParser.parse(vcId, body, request.bodyText());
        JobRun run = model.start(parsed, body, callerArn.apply(request.scope().accessKeyId()));
        ObjectNode out = Json.object().put("id", run.id).put("arn", run.arn).put("virtualClusterId", vcId);
        if (run.request.name() != null) {
            out.put("name", run.request.name());
        }
        return out;
    }

    private ObjectNode describeJobRun(AwsRequest request) {
        ObjectNode out = Json.object();
        out.set("jobRun", render(existingRun(request), model.now()));
        return out;
    }

    private ObjectNode cancelJobRun(AwsRequest request) {
        JobRun run = existingRun(request);
        Instant now = model.now();
        if (!run.timeline().isCancellableAt(now)) {
            throw AwsError.validation("Job run " + run.id + " is not in a cancellable state");
        }
        run.cancel(now);
        return Json.object().put("id", run.id).put("virtualClusterId", run.virtualClusterId());
    }

    private ObjectNode listJobRuns(AwsRequest request) {
        String vcId = group(JOB_RUNS, request.path(), 1);
        existingCluster(vcId);
        Instant now = model.now();
        Set<String> states = states(request, JOB_STATES, 10);
        Instant after = instant(request, "createdAfter", Instant.MIN);
        Instant before = instant(request, "createdBefore", Instant.MAX);
        String name = request.query("name").orElse(null);
        List<JobRun> matching = model.runsOf(vcId).stream()
                .filter(r -> states.isEmpty() || states.contains(r.timeline().stateAt(now)))
                .filter(r -> !r.createdAt().isBefore(after) && !r.createdAt().isAfter(before))
                .filter(r -> name == null || name.equals(r.request.name()))
                .sorted(Comparator.comparing(JobRun::createdAt).thenComparing(r -> r.id).reversed())
                .toList();
        return page(request, matching, "jobRuns", r -> render(r, now), JobRun::createdAt, r -> r.id);
    }

    private ObjectNode listVirtualClusters(AwsRequest request) {
        Set<String> states = states(request, CLUSTER_STATES, 4);
        String provider = request.query("containerProviderId").orElse(null);
        String type = request.query("containerProviderType").orElse("EKS");
        Instant after = instant(request, "createdAfter", Instant.MIN);
        Instant before = instant(request, "createdBefore", Instant.MAX);
        if (!type.equals("EKS")) {
            throw AwsError.validation("containerProviderType must be EKS, was " + type);
        }
        List<VirtualCluster> matching = model.virtualClusters().stream()
                .filter(vc -> states.isEmpty() || states.contains(vc.state()))
                .filter(vc -> provider == null || provider.equals(vc.eksClusterName()))
                .filter(vc -> !vc.createdAt().isBefore(after) && !vc.createdAt().isAfter(before))
                .sorted(Comparator.comparing(VirtualCluster::createdAt).thenComparing(VirtualCluster::id).reversed())
                .toList();
        return page(request, matching, "virtualClusters", this::render, VirtualCluster::createdAt,
                VirtualCluster::id);
    }

    private ObjectNode describeVirtualCluster(AwsRequest request) {
        ObjectNode out = Json.object();
        out.set("virtualCluster", render(existingCluster(group(VIRTUAL_CLUSTER, request.path(), 1))));
        return out;
    }

    /**
     * One page of a list sorted newest first. The token names the last item returned, so runs started while a
     * caller pages do not shift later pages.
     */
    private static <T> ObjectNode page(AwsRequest request, List<T> sorted, String field,
                                       Function<T, ObjectNode> render, Function<T, Instant> createdAt,
                                       Function<T, String> id) {
        int max = request.query("maxResults").map(EmrContainersService::maxResults).orElse(DEFAULT_PAGE);
        int from = 0;
        if (request.query("nextToken").isPresent()) {
            ListToken token = ListToken.parse(request.query("nextToken").get());
            from = sorted.size();
            for (int i = 0; i < sorted.size(); i++) {
                if (token.isAfter(createdAt.apply(sorted.get(i)), id.apply(sorted.get(i)))) {
                    from = i;
                    break;
                }
            }
        }
        int to = Math.min(sorted.size(), from + max);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray(field);
        sorted.subList(from, to).forEach(item -> items.add(render.apply(item)));
        if (to < sorted.size()) {
            T last = sorted.get(to - 1);
            out.put("nextToken", new ListToken(createdAt.apply(last), id.apply(last)).encode());
        }
        return out;
    }

    private ObjectNode render(JobRun run, Instant now) {
        JobTimeline timeline = run.timeline();
        String state = timeline.stateAt(now);
        ObjectNode node = Json.object()
                .put("id", run.id)
                .put("virtualClusterId", run.virtualClusterId())
                .put("arn", run.arn)
                .put("state", state)
                .put("clientToken", run.request.clientToken())
                .put("executionRoleArn", run.request.executionRoleArn())
                .put("releaseLabel", run.request.releaseLabel())
                .put("createdAt", Json.iso(run.createdAt()))
                .put("createdBy", run.createdBy);
        if (run.request.name() != null) {
            node.put("name", run.request.name());
        }
        node.set("jobDriver", run.body.get("jobDriver"));
        if (run.body.has("configurationOverrides")) {
            node.set("configurationOverrides", run.body.get("configurationOverrides"));
        }
        timeline.finishedAt(now).ifPresent(at -> node.put("finishedAt", Json.iso(at)));
        if (state.equals("FAILED")) {
            node.put("failureReason", timeline.script().failureReason());
        }
        if (timeline.isTerminalAt(now) && timeline.script().stateDetails() != null && !state.equals("CANCELLED")) {
            node.put("stateDetails", timeline.script().stateDetails());
        }
        ObjectNode tags = node.putObject("tags");
        run.request.tags().forEach(tags::put);
        run.request.maxAttempts().ifPresent(max -> {
            node.putObject("retryPolicyConfiguration").put("maxAttempts", max);
            node.putObject("retryPolicyExecution").put("currentAttemptCount",
                    Math.min(max, timeline.attemptAt(now)));
        });
        return node;
    }

    private ObjectNode render(VirtualCluster vc) {
        ObjectNode node = Json.object()
                .put("id", vc.id())
                .put("name", vc.name())
                .put("arn", "arn:aws:emr-containers:" + account.region() + ":" + account.accountId()
                        + ":/virtualclusters/" + vc.id())
                .put("state", vc.state())
                .put("createdAt", Json.iso(vc.createdAt()));
        ObjectNode provider = node.putObject("containerProvider").put("type", "EKS").put("id", vc.eksClusterName());
        provider.putObject("info").putObject("eksInfo").put("namespace", vc.namespace());
        if (vc.hasScheduler()) {
            ObjectNode scheduler = node.putObject("schedulerConfiguration");
            if (vc.maxConcurrentJobRuns() != null) {
                scheduler.put("maxConcurrentJobRuns", vc.maxConcurrentJobRuns());
            }
            if (vc.maxInQueueJobRuns() != null) {
                scheduler.put("maxInQueueJobRuns", vc.maxInQueueJobRuns());
            }
            Instant now = model.now();
            node.putObject("schedulerStatus").put("currentConcurrentJobRuns", model.running(vc.id(), now))
                    .put("currentInQueueJobRuns", model.inQueue(vc.id(), now));
        }
        node.putObject("tags");
        return node;
    }

    private VirtualCluster existingCluster(String id) {
        return model.virtualCluster(id).orElseThrow(() -> new AwsError(400, "ResourceNotFoundException",
                "Virtual cluster " + id + " doesn't exist."));
    }

    private JobRun existingRun(AwsRequest request) {
        String vcId = group(JOB_RUN, request.path(), 1);
        String id = group(JOB_RUN, request.path(), 2);
        existingCluster(vcId);
        return model.run(vcId, id).orElseThrow(() -> new AwsError(400, "ResourceNotFoundException",
                "Job run " + id + " doesn't exist."));
    }

    private static Set<String> states(AwsRequest request, Set<String> allowed, int max) {
        List<String> states = request.queryAll("states");
        if (states.size() > max) {
            throw AwsError.validation("at most " + max + " states may be given, got " + states.size());
        }
        for (String s : states) {
            if (!allowed.contains(s)) {
                throw AwsError.validation("state '" + s + "' is not one of " + allowed);
            }
        }
        return Set.copyOf(states);
    }

    private static Instant instant(AwsRequest request, String field, Instant absent) {
        return request.query(field).map(v -> {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                throw AwsError.validation(field + " must be an ISO-8601 date-time, was " + v);
            }
        }).orElse(absent);
    }

    private static int maxResults(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw AwsError.validation("maxResults must be a positive integer, was " + value);
    }

    private static String group(Pattern pattern, String path, int group) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException(path + " does not match " + pattern);
        }
        return m.group(group);
    }
}
