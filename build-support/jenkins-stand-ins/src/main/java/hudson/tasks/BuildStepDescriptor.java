package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

/** Stand-in mirroring hudson.tasks.BuildStepDescriptor from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor() {
        throw new UnsupportedOperationException();
    }

    @SuppressWarnings("rawtypes")
    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
