package io.jenkins.plugins.sparkeks.emulator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.sparkeks.emulator.Operation;
import io.jenkins.plugins.sparkeks.emulator.logs.LogStore.Group;
import io.jenkins.plugins.sparkeks.emulator.logs.LogStore.StoredEvent;
import io.jenkins.plugins.sparkeks.emulator.logs.LogStore.Stream;
import io.jenkins.plugins.sparkeks.emulator.wire.AccountContext;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsError;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsRequest;
import io.jenkins.plugins.sparkeks.emulator.wire.AwsResponse;
import io.jenkins.plugins.sparkeks.emulator.wire.Json;
import io.jenkins.plugins.sparkeks.emulator.wire.Protocol;
import io.jenkins.plugins.sparkeks.emulator.wire.ServiceHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** CloudWatch Logs over JSON 1.1: DescribeLogStreams, GetLogEvents and FilterLogEvents. */
public final class CloudWatchLogsService implements ServiceHandler {
    private static final String TARGET_PREFIX = "Logs_20140328.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_EVENTS = 10_000;
    private static final int MAX_STREAMS = 50;
    private static final int MAX_FILTER_STREAMS = 100;

    private final AccountContext account;
    private final LogStore store;

    public CloudWatchLogsService(AccountContext account, LogStore store) {
        this.account = account;
        this.store = store;
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public Operation operationOf(AwsRequest request) {
        String target = request.header("X-Amz-Target").orElse("");
        if (!"POST".equals(request.method()) || !target.startsWith(TARGET_PREFIX)) {
            throw new AwsError(400, "UnknownOperationException",
                    "CloudWatch Logs expects POST / with X-Amz-Target: " + TARGET_PREFIX + "<Operation>");
        }
        String name = target.substring(TARGET_PREFIX.length());
        for (Operation op : List.of(Operation.DESCRIBE_LOG_STREAMS, Operation.GET_LOG_EVENTS,
                Operation.FILTER_LOG_EVENTS)) {
            if (op.wireName().equals(name)) {
                return op;
            }
        }
        throw new AwsError(400, "UnknownOperationException", "The emulator does not serve Logs operation " + name);
    }

    @Override
    public AwsResponse handle(Operation operation, AwsRequest request) {
        JsonNode in = Json.parse(request.body());
        ObjectNode out = switch (operation) {
            case DESCRIBE_LOG_STREAMS -> describeLogStreams(in);
            case GET_LOG_EVENTS -> getLogEvents(in);
            case FILTER_LOG_EVENTS -> filterLogEvents(in);
            default -> throw new IllegalArgumentException("not a Logs operation: " + operation);
        };
        return AwsResponse.json(200, CONTENT_TYPE, out);
    }

    private ObjectNode describeLogStreams(JsonNode in) {
        Group group = group(in);
        Optional<String> prefix = Json.text(in, "logStreamNamePrefix");
        String orderBy = Json.text(in, "orderBy").orElse("LogStreamName");
        boolean descending = in.path("descending").asBoolean(false);
        int limit = limit(in, MAX_STREAMS);
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw invalidParameter("orderBy must be LogStreamName or LastEventTime, was " + orderBy);
        }
        if (orderBy.equals("LastEventTime") && prefix.isPresent()) {
            throw invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<Stream> streams = new ArrayList<>(group.streams().values().stream()
                .filter(s -> prefix.map(p -> s.name().startsWith(p)).orElse(true))
                .toList());
        if (orderBy.equals("LastEventTime")) {
            streams.sort(Comparator.comparingLong(CloudWatchLogsService::lastEventTime)
                    .thenComparing(Stream::name));
        }
        if (descending) {
            Collections.reverse(streams);
        }
        int from = offsetToken(in, "s/");
        int to = Math.min(streams.size(), from + limit);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("logStreams");
        for (Stream s : streams.subList(Math.min(from, streams.size()), to)) {
            ObjectNode node = list.addObject()
                    .put("logStreamName", s.name())
                    .put("creationTime", s.creationTime())
                    .put("arn", streamArn(group.name(), s.name()))
                    .put("storedBytes", 0);
            if (!s.events().isEmpty()) {
                node.put("firstEventTimestamp", s.events().get(0).timestamp())
                        .put("lastEventTimestamp", s.events().get(s.events().size() - 1).timestamp())
                        .put("lastIngestionTime", s.events().stream().mapToLong(StoredEvent::ingestionTime).max()
                                .orElseThrow())
                        .put("uploadSequenceToken", String.valueOf(s.events().size()));
            }
        }
        if (to < streams.size()) {
            out.put("nextToken", "s/" + to);
        }
        return out;
    }

    private ObjectNode getLogEvents(JsonNode in) {
        Group group = group(in);
        String streamName = Json.text(in, "logStreamName")
                .orElseThrow(() -> invalidParameter("logStreamName is required"));
        Stream stream = Optional.ofNullable(group.streams().get(streamName))
                .orElseThrow(() -> new AwsError(400, "ResourceNotFoundException",
                        "The specified log stream does not exist."));
        int limit = limit(in, MAX_EVENTS);
        long startTime = Json.number(in, "startTime").orElse(Long.MIN_VALUE);
        long endTime = Json.number(in, "endTime").orElse(Long.MAX_VALUE);
        // endTime is exclusive for GetLogEvents (events at or after it are left out)
        List<StoredEvent> events = stream.events().stream()
                .filter(e -> e.timestamp() >= startTime && e.timestamp() < endTime)
                .toList();
        Optional<String> token = Json.text(in, "nextToken");
        int from;
        int to;
        if (token.isPresent()) {
            String t = token.get();
            int position = Math.min(parsePosition(t), events.size());
            if (t.startsWith("f/")) {
                from = position;
                to = Math.min(events.size(), from + limit);
            } else if (t.startsWith("b/")) {
                to = position;
                from = Math.max(0, to - limit);
            } else {
                throw invalidParameter("The specified nextToken is invalid.");
            }
        } else if (in.path("startFromHead").asBoolean(false)) {
            from = 0;
            to = Math.min(events.size(), limit);
        } else {
            to = events.size();
            from = Math.max(0, to - limit);
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        for (StoredEvent e : events.subList(from, to)) {
            list.addObject().put("timestamp", e.timestamp()).put("message", e.message())
                    .put("ingestionTime", e.ingestionTime());
        }
        // at the end of the stream this is the very token that was sent in, as CloudWatch documents
        out.put("nextForwardToken", position("f/", to));
        out.put("nextBackwardToken", position("b/", from));
        return out;
    }

    private ObjectNode filterLogEvents(JsonNode in) {
        Group group = group(in);
        List<String> names = Json.texts(in, "logStreamNames");
        Optional<String> prefix = Json.text(in, "logStreamNamePrefix");
        if (!names.isEmpty() && prefix.isPresent()) {
            throw invalidParameter("logStreamNames and logStreamNamePrefix cannot both be specified.");
        }
        if (names.size() > MAX_FILTER_STREAMS) {
            // the API model's InputLogStreamNames holds 1 to 100 names
            throw invalidParameter("logStreamNames holds at most " + MAX_FILTER_STREAMS + " names, was "
                    + names.size());
        }
        long startTime = Json.number(in, "startTime").orElse(Long.MIN_VALUE);
        long endTime = Json.number(in, "endTime").orElse(Long.MAX_VALUE);
        FilterPattern pattern = FilterPattern.parse(Json.text(in, "filterPattern").orElse(""));
        int limit = limit(in, MAX_EVENTS);
        Optional<FilterToken> after = Json.text(in, "nextToken").map(FilterToken::parse);

        record Hit(String stream, StoredEvent event) {
        }
        List<Hit> hits = new ArrayList<>();
        // a set: with thousands of streams in the group, a list lookup per stream cost the emulator more than the call
        java.util.Set<String> named = new java.util.HashSet<>(names);
        for (Stream s : group.streams().values()) {
            boolean selected = names.isEmpty() ? prefix.map(p -> s.name().startsWith(p)).orElse(true)
                    : named.contains(s.name());
            if (!selected) {
                continue;
            }
            for (StoredEvent e : s.events()) {
                if (e.timestamp() >= startTime && e.timestamp() <= endTime && pattern.matches(e.message())
                        && after.map(a -> a.isBefore(e)).orElse(true)) {
                    hits.add(new Hit(s.name(), e));
                }
            }
        }
        hits.sort(Comparator.comparing(Hit::event, StoredEvent.ORDER));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("events");
        List<Hit> page = hits.subList(0, Math.min(limit, hits.size()));
        for (Hit h : page) {
            list.addObject().put("logStreamName", h.stream()).put("timestamp", h.event().timestamp())
                    .put("message", h.event().message()).put("ingestionTime", h.event().ingestionTime())
                    .put("eventId", FilterToken.eventId(h.event()));
        }
        if (hits.size() > page.size()) {
            out.put("nextToken", FilterToken.after(page.get(page.size() - 1).event()).encode());
        }
        return out;
    }

    private Group group(JsonNode in) {
        String name = Json.text(in, "logGroupName")
                .or(() -> Json.text(in, "logGroupIdentifier").map(CloudWatchLogsService::groupNameOf))
                .orElseThrow(() -> invalidParameter("logGroupName or logGroupIdentifier is required"));
        return store.group(name).orElseThrow(() -> new AwsError(400, "ResourceNotFoundException",
                "The specified log group does not exist."));
    }

    private static String groupNameOf(String identifier) {
        int at = identifier.indexOf(":log-group:");
        if (!identifier.startsWith("arn:") || at < 0) {
            return identifier;
        }
        String rest = identifier.substring(at + ":log-group:".length());
        return rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest;
    }

    private static int limit(JsonNode in, int max) {
        long limit = Json.number(in, "limit").orElse((long) max);
        if (limit < 1 || limit > max) {
            throw invalidParameter("limit must be between 1 and " + max + ", was " + limit);
        }
        return (int) limit;
    }

    private static int offsetToken(JsonNode in, String kind) {
        Optional<String> token = Json.text(in, "nextToken");
        if (token.isEmpty()) {
            return 0;
        }
        if (!token.get().startsWith(kind)) {
            throw invalidParameter("The specified nextToken is invalid.");
        }
        return parsePosition(token.get());
    }

    private static int parsePosition(String token) {
        try {
            int position = Integer.parseInt(token.substring(2));
            if (position < 0) {
                throw invalidParameter("The specified nextToken is invalid.");
            }
            return position;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw invalidParameter("The specified nextToken is invalid.");
        }
    }

    private static String position(String kind, int index) {
        return kind + String.format("%020d", index);
    }

    private static long lastEventTime(Stream s) {
        return s.events().isEmpty() ? s.creationTime() : s.events().get(s.events().size() - 1).timestamp();
    }

    private String streamArn(String group, String stream) {
        return "arn:aws:logs:" + account.region() + ":" + account.accountId() + ":log-group:" + group
                + ":log-stream:" + stream;
    }

    static AwsError invalidParameter(String message) {
        return new AwsError(400, "InvalidParameterException", message);
    }
}
