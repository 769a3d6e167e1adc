package org.jenkinsci.plugins.workflow.flow;

import hudson.model.Queue;
import java.io.Serializable;

/** Stand-in mirroring org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner from workflow-api 1413.v2ff1a_5e720fa_ (org.jenkins-ci.plugins.workflow:workflow-api): only the Executable interface WorkflowRun implements. */
public abstract class FlowExecutionOwner implements Serializable {
    /** Mirrors FlowExecutionOwner.Executable (its members are not used by the plugin). */
    public interface Executable extends Queue.Executable {}
}
