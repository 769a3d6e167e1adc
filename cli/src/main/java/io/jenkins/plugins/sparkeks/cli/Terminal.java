package io.jenkins.plugins.sparkeks.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.sparkeks.core.insight.SparkInsight;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.core.result.JobState;
import io.jenkins.plugins.sparkeks.core.result.Link;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything the command prints goes. In text mode stdout carries only the driver log (or the
 * asked-for answer), so {@code > driver.log} captures a clean log; states and diagnostics go to stderr.
 * In JSON mode stdout carries one JSON document and everything else goes to stderr. On a terminal the
 * current state is one line redrawn in place instead of a line per change. Called from the core's shared
 * threads, hence synchronized.
 */
final class Terminal {

    private static final String CLEAR_LINE = "\r\033[2K";

    private final PrintStream out;
    private final PrintStream err;
    private final OutputFormat format;
    private final boolean live;
    /** Made for the first JSON document: text output never needs it, and a fresh JVM pays for every class. */
    private ObjectMapper json;
    private String statusLine;
    /** Non-null while several jobs' results are gathered into one JSON document (the demo runs two jobs). */
    private List<Map<String, Object>> gathered;

    Terminal(PrintStream out, PrintStream err, OutputFormat format, boolean interactive) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.live = interactive && format == OutputFormat.text;
    }

    boolean isLive() {
        return live;
    }

    OutputFormat format() {
        return format;
    }

    /** A driver log line: stdout in text mode, stderr in JSON mode (stdout is reserved for the document). */
    synchronized void driverLog(String text) {
        clearStatus();
        (format == OutputFormat.json ? err : out).println(text);
        drawStatus();
    }

    /** A state change: redrawn in place on a terminal, a plain line otherwise. */
    synchronized void state(JobState state, String detail) {
        String line = state + (detail == null || detail.isBlank() ? "" : ": " + detail);
        if (live) {
            statusLine = line;
            clearStatus();
            drawStatus();
        } else {
            err.println("[spark-on-eks] " + line);
        }
    }

    /** Refreshes the live line (elapsed time, what is awaited); ignored when not on a terminal. */
    synchronized void progress(String line) {
        if (live && line != null) {
            statusLine = line;
            clearStatus();
            drawStatus();
        }
    }

    /**
     * Spark's progress changed: on a terminal it joins the live line (the next redraw shows it with what is
     * awaited), elsewhere it is a line of its own.
     */
    synchronized void sparkProgress(String line) {
        if (live) {
            statusLine = statusLine == null ? line : statusLine.replaceAll(" · Spark: .*$", "") + " · " + line;
            clearStatus();
            drawStatus();
        } else {
            err.println("[spark-on-eks] " + line);
        }
    }

    synchronized void diagnostic(String line) {
        info("  " + line);
    }

    /** A line for people on stderr. */
    synchronized void info(String line) {
        clearStatus();
        err.println(line);
        drawStatus();
    }

    /** The answer a script reads from stdout in text mode (a reference, a status). */
    synchronized void answer(String line) {
        clearStatus();
        out.println(line);
        drawStatus();
    }

    /** The verdict: in JSON mode the document on stdout; in text mode a summary on {@code summaryStream}. */
    synchronized void result(JobResult result, String reference, boolean summaryOnStdout) {
        endStatus();
        if (format == OutputFormat.json) {
            Map<String, Object> doc = new LinkedHashMap<>(result.toMap());
            if (reference != null) {
                doc.put("reference", reference);
            }
            if (gathered != null) {
                gathered.add(doc);
            } else {
                out.println(toJson(doc));
            }
            return;
        }
        PrintStream s = summaryOnStdout ? out : err;
        s.println(summary(result));
        if (result.message() != null && !result.message().isBlank()) {
            s.println("  " + result.message());
        }
        for (Link link : result.links()) {
            s.println("  " + link.label() + ": " + link.url());
        }
        if (result.spark() != null) {
            SparkInsight spark = result.spark();
            s.println("  " + (spark.last() != null ? spark.last().progressLine() : "Spark: not observed")
                    + (spark.note() != null ? " (" + spark.note() + ")" : ""));
        }
        if (!result.success() && !result.explanation().isEmpty()) {
            s.println("  Why:");
            result.explanation().forEach(l -> s.println("    " + l));
        }
        if (reference != null) {
            s.println("  Reference: " + reference);
        }
    }

    /** From now on JSON results are kept for {@link #printGathered()} instead of printed one by one. */
    synchronized void gatherResults() {
        gathered = new ArrayList<>();
    }

    /** The gathered results as one JSON array on stdout: stdout stays one document however many jobs ran. */
    synchronized void printGathered() {
        endStatus();
        out.println(toJson(gathered == null ? List.of() : gathered));
        gathered = null;
    }

    /** A JSON document on stdout (JSON mode answers that are not a job result). */
    synchronized void document(Map<String, Object> doc) {
        endStatus();
        out.println(toJson(doc));
    }

    synchronized void endStatus() {
        clearStatus();
        statusLine = null;
    }

    static String summary(JobResult r) {
        StringBuilder sb = new StringBuilder();
        // A driver pod that is gone tells nothing about how the job ended: say so rather than FAILED.
        sb.append(r.state().name());
        sb.append(" ").append(r.backend());
        String id = r.jobRunId() != null ? r.virtualClusterId() + "/" + r.jobRunId()
                : r.driverPod() != null ? r.namespace() + "/" + r.driverPod() : null;
        if (id != null) {
            sb.append(" ").append(id);
        }
        if (r.exitCode() != null) {
            sb.append(" exitCode=").append(r.exitCode());
        }
        if (r.reason() != null) {
            sb.append(" reason=").append(r.reason());
        }
        if (r.duration() != null) {
            sb.append(" duration=").append(r.duration().toSeconds()).append("s");
        }
        return sb.toString();
    }

    String json(Object doc) {
        return toJson(doc);
    }

    private synchronized ObjectMapper mapper() {
        if (json == null) {
            json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        }
        return json;
    }

    private String toJson(Object doc) {
        try {
            return mapper().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the result could not be written as JSON", e);
        }
    }

    private void clearStatus() {
        if (live && statusLine != null) {
            err.print(CLEAR_LINE);
            err.flush();
        }
    }

    private void drawStatus() {
        if (live && statusLine != null) {
            err.print("» " + statusLine);
            err.flush();
        }
    }
}
