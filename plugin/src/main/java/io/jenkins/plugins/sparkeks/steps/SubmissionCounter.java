package io.jenkins.plugins.sparkeks.steps;

import hudson.model.InvisibleAction;
import hudson.model.Run;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;

/**
 * Numbers the Spark steps of one build in the order they start, so each gets its own submission key:
 * {@code jenkins:<job full name>#<build number>/spark-<n>}. A rebuild has another build number and so
 * submits anew; a resumed step keeps the key persisted with its execution and finds its job again. The
 * counter is saved with the build together with the job summary, after the job is submitted: a step
 * re-run after a crash before that point gets the same number and thus finds the job it had started.
 */
public class SubmissionCounter extends InvisibleAction {

    private int started;

    public static SubmissionKey nextKey(Run<?, ?> run) {
        SubmissionCounter counter;
        int n;
        synchronized (run) {
            counter = run.getAction(SubmissionCounter.class);
            if (counter == null) {
                counter = new SubmissionCounter();
                run.addAction(counter);
            }
            n = ++counter.started;
        }
        return new SubmissionKey("jenkins:" + run.getParent().getFullName() + "#" + run.getNumber() + "/spark-" + n);
    }
}
