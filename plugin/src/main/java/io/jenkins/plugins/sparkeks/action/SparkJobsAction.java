package io.jenkins.plugins.sparkeks.action;

import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/** The build page's "Spark jobs" summary: one row per Spark job the build ran (backend, id, state, duration, links). */
public class SparkJobsAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(SparkJobsAction.class.getName());

    private final List<SparkJobSummary> jobs = new ArrayList<>();
    private transient Run<?, ?> run;

    /** The run's action, added on first use. */
    public static SparkJobsAction of(Run<?, ?> run) {
        synchronized (run) {
            SparkJobsAction action = run.getAction(SparkJobsAction.class);
            if (action == null) {
                action = new SparkJobsAction();
                run.addAction(action);
                action.run = run;
            }
            return action;
        }
    }

    /** Adds the job, or replaces the row of the same step, and saves the build. Does file I/O: not on the CPS thread. */
    public void record(SparkJobSummary summary) {
        synchronized (jobs) {
            jobs.removeIf(j -> j.getKey().equals(summary.getKey()));
            jobs.add(summary);
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

    public List<SparkJobSummary> getJobs() {
        synchronized (jobs) {
            return List.copyOf(jobs);
        }
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
