package io.jenkins.plugins.sparkeks.core.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an application's outcome from its Spark event log after the driver ended, so that jobs of the last seconds
 * (after the last live read) are counted too. Knows the single-file layout ({@code <dir>/<appId>}, with
 * {@code .inprogress} when the driver died before closing it) and the rolling one
 * ({@code <dir>/eventlog_v2_<appId>/events_<n>_<appId>}), each plain or compressed with the codec its file name ends in
 * ({@code .lz4}, {@code .lzf}, {@code .snappy}, {@code .zstd}; see {@link EventLogCodec}).
 */
public final class EventLogReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<EventLogStore> stores;

    public EventLogReader(List<EventLogStore> stores) {
        this.stores = List.copyOf(stores);
    }

    /** Why an event log could not be read, as a sentence for the result. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    /** The application's jobs and stages as its event log tells them. */
    public SparkSnapshot read(String dir, String appId, Instant now) throws Unreadable {
        String base = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
        EventLogStore store = stores.stream().filter(s -> s.handles(base)).findFirst()
                .orElseThrow(() -> new Unreadable("the event log directory " + base + " is not one this process can read"
                        + " (S3 or a local path)"));
        try {
            List<String> rolling = store.list(base, "eventlog_v2_" + appId);
            if (!rolling.isEmpty()) {
                String folder = base + "/" + rolling.get(0);
                List<String> parts = new ArrayList<>(store.list(folder, "events_"));
                parts.sort(Comparator.comparingInt(EventLogReader::rollingIndex));
                if (parts.isEmpty()) {
                    throw new Unreadable("the rolling event log " + folder + " has no event files");
                }
                // Spark renames appstatus_<appId>.inprogress when the application stops: until then the newest part
                // may end in a block the driver never finished
                boolean running = !store.list(folder, "appstatus_" + appId + ".inprogress").isEmpty();
                return parse(store, folder, parts, running, now);
            }
            List<String> single = store.list(base, appId).stream()
                    .filter(n -> n.equals(appId) || n.startsWith(appId + ".")).toList();
            if (single.isEmpty()) {
                throw new Unreadable("no event log for " + appId + " in " + base);
            }
            return parse(store, base, List.of(single.get(0)), false, now);
        } catch (IOException e) {
            throw new Unreadable("the event log in " + base + " could not be read: " + e.getMessage());
        }
    }

    private static int rollingIndex(String name) {
        String[] parts = name.split("_");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SparkSnapshot parse(EventLogStore store, String dir, List<String> files, boolean lastMayBeTorn,
            Instant now) throws IOException, Unreadable {
        Events events = new Events();
        for (int i = 0; i < files.size(); i++) {
            String f = files.get(i);
            EventLogCodec codec = EventLogCodec.ofFileName(f).orElse(null);
            boolean mayBeTorn = f.endsWith(".inprogress") || (lastMayBeTorn && i == files.size() - 1);
            try (InputStream raw = store.open(dir, f)) {
                readLines(codec == null ? raw : decoding(codec, raw, dir + "/" + f), events, codec, mayBeTorn,
                        dir + "/" + f);
            }
        }
        return events.snapshot(now);
    }

    private static InputStream decoding(EventLogCodec codec, InputStream raw, String path) throws Unreadable {
        try {
            return codec.decode(raw);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable(notCodec(codec, path, e));
        }
    }

    private static void readLines(InputStream in, Events events, EventLogCodec codec, boolean mayBeTorn, String path)
            throws IOException, Unreadable {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while (true) {
            try {
                line = r.readLine();
            } catch (IOException | RuntimeException e) {
                if (codec == null && e instanceof IOException io) {
                    throw io;
                }
                if (mayBeTorn) {
                    return; // a driver that died mid-write leaves a cut last block: the events before it still count
                }
                throw new Unreadable(notCodec(codec, path, e));
            }
            if (line == null) {
                return;
            }
            events.accept(line);
        }
    }

    private static String notCodec(EventLogCodec codec, String path, Exception e) {
        return "the event log " + path + " is not a readable " + codec.shortName() + " stream ("
                + e.getClass().getSimpleName() + ")";
    }

    /** The few listener events that tell jobs', stages' and executors' outcomes. */
    private static final class Events {
        private final Map<Integer, String> jobNames = new HashMap<>();
        private final Map<Integer, List<Integer>> jobStages = new HashMap<>();
        private final Map<Integer, String> jobResults = new HashMap<>();
        private final Map<Integer, String> jobErrors = new HashMap<>();
        private final Map<Integer, String> stageNames = new HashMap<>();
        private final Map<Integer, String> stageOutcome = new HashMap<>();
        private final Map<Integer, String> stageReasons = new HashMap<>();
        private final Set<Integer> stagesRunning = new HashSet<>();
        private final Map<Integer, int[]> stageTasks = new HashMap<>();
        private int failedTasks;

        void accept(String line) {
            JsonNode e;
            try {
                e = JSON.readTree(line);
            } catch (JsonProcessingException ex) {
                return; // a torn last line of a log the driver did not close
            }
            if (e == null) {
                return;
            }
            switch (e.path("Event").asText()) {
                case "SparkListenerJobStart" -> jobStart(e);
                case "SparkListenerJobEnd" -> jobEnd(e);
                case "SparkListenerStageSubmitted" -> {
                    JsonNode info = e.path("Stage Info");
                    int id = info.path("Stage ID").asInt();
                    stageNames.put(id, info.path("Stage Name").asText(null));
                    stagesRunning.add(id);
                    stageOutcome.remove(id);
                    stageTasks.put(id, new int[] {0, info.path("Number of Tasks").asInt()});
                }
                case "SparkListenerStageCompleted" -> stageCompleted(e.path("Stage Info"));
                case "SparkListenerTaskEnd" -> {
                    String reason = e.path("Task End Reason").path("Reason").asText();
                    int[] tasks = stageTasks.get(e.path("Stage ID").asInt());
                    if ("Success".equals(reason)) {
                        if (tasks != null) {
                            tasks[0]++;
                        }
                    } else if (!reason.isEmpty()) {
                        failedTasks++;
                    }
                }
                default -> { }
            }
        }

        private void jobStart(JsonNode e) {
            int id = e.path("Job ID").asInt();
            List<Integer> stages = new ArrayList<>();
            String lastName = null;
            int lastStage = -1;
            for (JsonNode s : e.path("Stage Infos")) {
                int sid = s.path("Stage ID").asInt();
                stages.add(sid);
                stageNames.putIfAbsent(sid, s.path("Stage Name").asText(null));
                if (sid > lastStage) {
                    lastStage = sid;
                    lastName = s.path("Stage Name").asText(null);
                }
            }
            String description = e.path("Properties").path("spark.job.description").asText(null);
            jobNames.put(id, description != null && !description.isBlank() ? description : lastName);
            jobStages.put(id, stages);
        }

        private void jobEnd(JsonNode e) {
            int id = e.path("Job ID").asInt();
            JsonNode result = e.path("Job Result");
            jobResults.put(id, result.path("Result").asText());
            String message = result.path("Exception").path("Message").asText(null);
            if (message != null) {
                jobErrors.put(id, message);
            }
        }

        private void stageCompleted(JsonNode info) {
            int id = info.path("Stage ID").asInt();
            stagesRunning.remove(id);
            JsonNode reason = info.get("Failure Reason");
            if (reason != null && !reason.isNull()) {
                stageOutcome.put(id, "FAILED");
                stageReasons.put(id, reason.asText());
            } else {
                stageOutcome.put(id, "COMPLETE");
            }
        }

        SparkSnapshot snapshot(Instant now) {
            int succeeded = 0;
            int failed = 0;
            int newestFailed = -1;
            for (Map.Entry<Integer, String> r : jobResults.entrySet()) {
                if ("JobSucceeded".equals(r.getValue())) {
                    succeeded++;
                } else {
                    failed++;
                    newestFailed = Math.max(newestFailed, r.getKey());
                }
            }
            int running = (int) jobNames.keySet().stream().filter(id -> !jobResults.containsKey(id)).count();
            int completed = (int) stageOutcome.values().stream().filter("COMPLETE"::equals).count();
            int stagesFailed = (int) stageOutcome.values().stream().filter("FAILED"::equals).count();
            // stages a job listed but never submitted were skipped (their output existed) or never reached
            int skipped = 0;
            for (Map.Entry<Integer, List<Integer>> j : jobStages.entrySet()) {
                if (jobResults.containsKey(j.getKey()) && "JobSucceeded".equals(jobResults.get(j.getKey()))) {
                    skipped += (int) j.getValue().stream().filter(s -> !stageTasks.containsKey(s)).count();
                }
            }
            Integer current = stagesRunning.stream().max(Integer::compare).orElse(null);
            int[] currentTasks = current == null ? null : stageTasks.get(current);
            SparkFailure failure = null;
            if (newestFailed >= 0) {
                Integer failedStage = jobStages.getOrDefault(newestFailed, List.of()).stream()
                        .filter(s -> "FAILED".equals(stageOutcome.get(s))).findFirst().orElse(null);
                String reason = failedStage != null && stageReasons.get(failedStage) != null
                        ? stageReasons.get(failedStage) : jobErrors.get(newestFailed);
                failure = new SparkFailure(newestFailed, jobNames.get(newestFailed), failedStage,
                        failedStage == null ? null : stageNames.get(failedStage), reason);
            }
            return new SparkSnapshot(SparkSnapshot.Source.EVENT_LOG, now, succeeded, running, failed, completed,
                    stagesRunning.size(), stagesFailed, skipped,
                    current == null ? null : current + (stageNames.get(current) == null ? "" : " (" + stageNames.get(current) + ")"),
                    currentTasks == null ? 0 : currentTasks[0], currentTasks == null ? 0 : currentTasks[1], failedTasks,
                    // every executor is removed when the application stops: the log cannot tell lost ones apart
                    null, null, failure);
        }
    }
}
