package org.jenkinsci.plugins.workflow.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import hudson.model.queue.QueueTaskFuture;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

/** Stand-in mirroring org.jenkinsci.plugins.workflow.job.WorkflowJob from workflow-job 1571.1580.v18e46842c125 (org.jenkins-ci.plugins.workflow:workflow-job) (only the members the plugin's tests use). */
public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun> implements TopLevelItem {
    private WorkflowJob() {
        throw new UnsupportedOperationException();
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public QueueTaskFuture<WorkflowRun> scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public WorkflowRun getLastBuild() {
        throw new UnsupportedOperationException();
    }
}
