package org.jenkinsci.plugins.workflow.job;

import hudson.model.Run;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.kohsuke.stapler.HttpResponse;

/** Stand-in mirroring org.jenkinsci.plugins.workflow.job.WorkflowRun from workflow-job 1571.1580.v18e46842c125 (org.jenkins-ci.plugins.workflow:workflow-job) (only the members the plugin's tests use). */
public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun>
        implements FlowExecutionOwner.Executable {
    private WorkflowRun() {
        throw new UnsupportedOperationException();
    }

    public HttpResponse doStop() {
        throw new UnsupportedOperationException();
    }

}
