package io.jenkins.plugins.sparkeks.freestyle;

import hudson.Extension;
import hudson.model.AbstractProject;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.sparkeks.steps.EmrStartJobRunStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle counterpart of the {@code emrStartJobRun} Pipeline step. */
public class EmrStartJobRunBuilder extends SparkJobBuilder<EmrStartJobRunStep> {

    @DataBoundConstructor
    public EmrStartJobRunBuilder(EmrStartJobRunStep job) {
        super(job);
    }

    @Extension
    @Symbol("emrStartJobRunBuilder")
    public static class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Start an EMR on EKS job run";
        }
    }
}
