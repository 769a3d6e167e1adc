package io.jenkins.plugins.sparkeks.freestyle;

import hudson.Extension;
import hudson.model.AbstractProject;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.sparkeks.steps.SparkSubmitEksStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle counterpart of the {@code sparkSubmitEks} Pipeline step. */
public class SparkSubmitEksBuilder extends SparkJobBuilder<SparkSubmitEksStep> {

    @DataBoundConstructor
    public SparkSubmitEksBuilder(SparkSubmitEksStep job) {
        super(job);
    }

    @Extension
    @Symbol("sparkSubmitEksBuilder")
    public static class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Run a Spark application on EKS / Kubernetes";
        }
    }
}
