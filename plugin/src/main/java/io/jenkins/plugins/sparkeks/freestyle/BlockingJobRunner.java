package io.jenkins.plugins.sparkeks.freestyle;

import hudson.AbortException;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.sparkeks.action.SparkJobSummary;
import io.jenkins.plugins.sparkeks.action.SparkJobsAction;
import io.jenkins.plugins.sparkeks.console.ConsoleReporter;
import io.jenkins.plugins.sparkeks.console.SecretMasker;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.job.JobException;
import io.jenkins.plugins.sparkeks.core.job.JobReference;
import io.jenkins.plugins.sparkeks.core.job.JobWatch;
import io.jenkins.plugins.sparkeks.core.job.SubmissionKey;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.engine.JobEngine;
import io.jenkins.plugins.sparkeks.engine.JobEngineFactory;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.job.WaitSettings;
import io.jenkins.plugins.sparkeks.steps.SubmissionCounter;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one job for a freestyle build: submit, wait on the executor thread (freestyle builds hold their
 * executor anyway), judge. An interrupted build (abort) cancels the remote job before it ends. A freestyle
 * build does not survive a restart, so there is nothing to persist.
 */
final class BlockingJobRunner {

    static final long CANCEL_WAIT_SECONDS = 60;

    private final JobEngineFactory engines;

    BlockingJobRunner(JobEngineFactory engines) {
        this.engines = engines;
    }

    /** Returns the verdict; the caller turns it into a build result. */
    JobResult run(JobDefinition definition, Run<?, ?> run, TaskListener listener)
            throws IOException, InterruptedException {
        SubmissionKey key = SubmissionCounter.nextKey(run);
        String row = key.hash(16);
        ConsoleReporter console =
                new ConsoleReporter(listener, SecretMasker.forDefinition(definition), ref -> {}, s -> {
                    SparkJobsAction.of(run).live(row, s);
                });
        console.line("Submitting " + definition.describe());
        try {
            JobEngine engine = engines.create(definition, run);
            engine.validate();
            JobReference ref =
                    engine.submit(key, console, definition.waitSettings().toWaitOptions());
            SparkJobsAction action = SparkJobsAction.of(run);
            action.record(SparkJobSummary.submitted(row, ref));
            if (!definition.waitSettings().waitForCompletion()) {
                return report(console, action, row, ref, engine.describe(ref));
            }
            JobWatch watch = engine.watch(ref, definition.waitSettings().toWaitOptions(), console);
            try {
                return report(
                        console, action, row, watch.reference(), watch.result().get());
            } catch (InterruptedException e) {
                console.line("Build stopped; cancelling the Spark job");
                cancel(console, action, row, watch);
                throw e;
            }
        } catch (InvalidJobSpecException | JobException e) {
            throw new AbortException(e.getMessage());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JobException || cause instanceof InvalidJobSpecException) {
                throw new AbortException(cause.getMessage());
            }
            throw new IOException("Following the Spark job failed", cause);
        }
    }

    /**
     * The build result a verdict leads to, or null to leave the build as it is: the Pipeline step's rule, so an
     * unconfirmed cancel (still CANCELLING) fails the build too, and a job not waited for never does.
     */
    static Result buildResult(JobResult verdict, WaitSettings wait, boolean unstable) {
        if (!wait.fails(verdict)) {
            return null;
        }
        return unstable ? Result.UNSTABLE : Result.FAILURE;
    }

    private static JobResult report(
            ConsoleReporter console, SparkJobsAction action, String row, JobReference ref, JobResult result) {
        console.result(result);
        action.record(SparkJobSummary.of(row, ref, result));
        return result;
    }

    private static void cancel(ConsoleReporter console, SparkJobsAction action, String row, JobWatch watch) {
        try {
            report(
                    console,
                    action,
                    row,
                    watch.reference(),
                    watch.cancel("the Jenkins build was stopped").get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            console.line("Cancelling did not complete: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
