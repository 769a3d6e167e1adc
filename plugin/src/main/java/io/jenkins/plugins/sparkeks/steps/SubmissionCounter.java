package io.jenkins.plugins.sparkeks.steps;

import hudson.model.InvisibleAction;
import hudson.model.Run;
import io.jenkins.plugins.sparkeks.action.RunActions;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Numbers the Spark steps of one build in the order they start, so each gets its own submission key:
 * {@code jenkins:<job full name>#<build number>/spark-<n>}. A rebuild has another build number and so
 * submits anew; a resumed step keeps the key persisted with its execution and finds its job again.
 *
 * <p>The count is this action's field, written to build.xml whenever the build is saved. A build saved before
 * its last steps started can come back with a count lower than the keys its resumed steps hold, so every
 * resumed step raises the count to its own number ({@link #resumed}); Pipeline resumes all step executions
 * before the program runs on, so a step started after a restart never reuses a number.
 */
public class SubmissionCounter extends InvisibleAction {

    private static final String PREFIX = "/spark-";
    private static final AtomicIntegerFieldUpdater<SubmissionCounter> STARTED =
            AtomicIntegerFieldUpdater.newUpdater(SubmissionCounter.class, "started");

    /** A plain int for build.xml; updated only through {@link #STARTED}, never under the build's monitor. */
    private volatile int started;

    public static SubmissionKey nextKey(Run<?, ?> run) {
        int n = STARTED.incrementAndGet(of(run));
        return new SubmissionKey("jenkins:" + run.getParent().getFullName() + "#" + run.getNumber() + PREFIX + n);
    }

    /** A step resumed with {@code key}: later steps of this build must number past it. */
    static void resumed(Run<?, ?> run, SubmissionKey key) {
        int n = numberOf(key);
        if (n > 0) {
            STARTED.accumulateAndGet(of(run), n, Math::max);
        }
    }

    /** The step number in a key this class made, or 0 for any other key. */
    static int numberOf(SubmissionKey key) {
        String v = key.value();
        int at = v.lastIndexOf(PREFIX);
        if (at < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(v.substring(at + PREFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SubmissionCounter of(Run<?, ?> run) {
        return RunActions.getOrAdd(run, SubmissionCounter.class, SubmissionCounter::new);
    }
}
