package io.jenkins.plugins.sparkeks.freestyle;

import hudson.AbortException;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.Result;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import io.jenkins.plugins.sparkeks.config.SparkOnEksConfiguration;
import io.jenkins.plugins.sparkeks.console.ConsoleReporter;
import io.jenkins.plugins.sparkeks.core.job.InvalidJobSpecException;
import io.jenkins.plugins.sparkeks.core.result.JobResult;
import io.jenkins.plugins.sparkeks.engine.CoreJobEngines;
import io.jenkins.plugins.sparkeks.job.JobDefinition;
import io.jenkins.plugins.sparkeks.steps.SparkJobStep;
import java.io.IOException;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A freestyle build step wrapping one of the Pipeline steps' configurations, so both job types share every
 * field, form and help page. The verdict marks the build FAILURE, or UNSTABLE when asked to.
 *
 * <p>Deliberately not a {@code SimpleBuildStep}: Pipeline's {@code step} metastep accepts only those, and there a
 * builder would hold a thread for the whole Spark job and be lost on restart. Pipelines use the real steps
 * ({@code sparkSubmitEks}, {@code emrStartJobRun}), which run asynchronously and resume after a restart. The
 * descriptors keep their {@code @Symbol}s ({@code sparkSubmitEksBuilder}, {@code emrStartJobRunBuilder}) for Job DSL;
 * they differ from the step names, and Pipeline cannot resolve them without {@code SimpleBuildStep}.
 */
public abstract class SparkJobBuilder<S extends SparkJobStep> extends Builder {

    private final S job;
    private boolean unstable;

    protected SparkJobBuilder(S job) {
        this.job = job;
    }

    /** The job's configuration, the same object the Pipeline step binds. */
    public S getJob() {
        return job;
    }

    public boolean isUnstable() {
        return unstable;
    }

    /** Mark the build UNSTABLE instead of FAILURE when the job fails. */
    @DataBoundSetter
    public void setUnstable(boolean unstable) {
        this.unstable = unstable;
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    /** Runs on the freestyle build's executor; needs no workspace or agent (everything happens remotely). */
    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        JobDefinition definition;
        try {
            definition = job.toDefinition(SparkOnEksConfiguration.get().defaults());
        } catch (InvalidJobSpecException e) {
            throw new AbortException(e.getMessage());
        }
        JobResult verdict = new BlockingJobRunner(CoreJobEngines.INSTANCE).run(definition, build, listener);
        Result result = BlockingJobRunner.buildResult(verdict, definition.waitSettings(), unstable);
        if (result != null) {
            listener.getLogger().println(ConsoleReporter.PREFIX + "Marking the build " + result);
            build.setResult(result);
        }
        return true;
    }
}
