package io.jenkins.plugins.sparkeks.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
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
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A freestyle build step wrapping one of the Pipeline steps' configurations, so both job types share every
 * field, form and help page. The verdict marks the build FAILURE, or UNSTABLE when asked to.
 */
public abstract class SparkJobBuilder<S extends SparkJobStep> extends Builder implements SimpleBuildStep {

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
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        JobDefinition definition;
        try {
            definition = job.toDefinition(SparkOnEksConfiguration.get().defaults());
        } catch (InvalidJobSpecException e) {
            throw new AbortException(e.getMessage());
        }
        JobResult verdict = new BlockingJobRunner(CoreJobEngines.INSTANCE).run(definition, run, listener);
        Result result = BlockingJobRunner.buildResult(verdict, definition.waitSettings().propagate(), unstable);
        if (result != null) {
            listener.getLogger().println(ConsoleReporter.PREFIX + "Marking the build " + result);
            run.setResult(result);
        }
    }
}
