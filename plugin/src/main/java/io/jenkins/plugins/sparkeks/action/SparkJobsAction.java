package io.jenkins.plugins.sparkeks.action;

import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.insight.SparkSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/** The build page's "Spark jobs" summary: one row per Spark job the build ran (backend, id, state, duration, links). */
public class SparkJobsAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(SparkJobsAction.class.getName());

    /**
     * Never changed once published: {@code Run.save()} on any thread lets XStream iterate whatever list this
     * field holds, so {@link #record} builds a new list and swaps it in. The field keeps its type and name, so
     * build.xml keeps its format ({@code <jobs>} of summaries) both ways.
     */
    private volatile ArrayList<SparkJobSummary> jobs = new ArrayList<>();

    private transient Run<?, ?> run;

    /** Spark's progress of jobs still running, by row key: shown live, never saved (the verdict's row keeps the last). */
    private transient volatile Map<String, String> live = new ConcurrentHashMap<>();

    /** The run's action, added on first use. */
    public static SparkJobsAction of(Run<?, ?> run) {
        SparkJobsAction action = RunActions.getOrAdd(run, SparkJobsAction.class, SparkJobsAction::new);
        action.run = run;
        return action;
    }

    /** Adds the job, or replaces the row of the same step, and saves the build. Does file I/O: not on the CPS thread. */
    public void record(SparkJobSummary summary) {
        synchronized (this) {
            ArrayList<SparkJobSummary> next = new ArrayList<>(current());
            next.removeIf(j -> j.getKey().equals(summary.getKey()));
            next.add(summary);
            jobs = next;
            if (!"SUBMITTED".equals(summary.getState())) {
                liveMap().remove(summary.getKey());
            }
        }
        Run<?, ?> r = run;
        if (r != null) {
            try {
                r.save();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "could not save the Spark job summary of " + r, e);
            }
        }
    }

    /** Spark's progress of a running job changed: its row shows the line until the verdict replaces the row. */
    public void live(String key, SparkSnapshot snapshot) {
        liveMap().put(key, snapshot.progressLine());
    }

    /** The live progress line of the row {@code key}, or null once its job has a verdict (or before any progress). */
    public String liveProgress(String key) {
        return liveMap().get(key);
    }

    private Map<String, String> liveMap() {
        Map<String, String> m = live;
        if (m == null) {
            synchronized (this) {
                if (live == null) {
                    live = new ConcurrentHashMap<>();
                }
                m = live;
            }
        }
        return m;
    }

    public List<SparkJobSummary> getJobs() {
        return List.copyOf(current());
    }

    /** The published list, as XStream would read it from the field. */
    List<SparkJobSummary> current() {
        ArrayList<SparkJobSummary> j = jobs;
        return j == null ? List.of() : j;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-terminal";
    }

    @Override
    public String getDisplayName() {
        return "Spark jobs";
    }

    @Override
    public String getUrlName() {
        return "spark-jobs";
    }
}
