package org.jenkinsci.plugins.workflow.job;

import hudson.model.Run;
import org.kohsuke.stapler.HttpResponse;

/** Stand-in mirroring org.jenkinsci.plugins.workflow.job.WorkflowRun from workflow-job 1571.1580.v18e46842c125 (org.jenkins-ci.plugins.workflow:workflow-job) (only the members the plugin's tests use). */
public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> {
    private WorkflowRun() {
        throw new UnsupportedOperationException();
    }

    public HttpResponse doStop() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int compareTo(WorkflowRun o) {
        throw new UnsupportedOperationException();
    }
}
