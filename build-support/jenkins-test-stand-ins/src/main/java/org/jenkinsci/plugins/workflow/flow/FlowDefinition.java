package org.jenkinsci.plugins.workflow.flow;

/** Stand-in mirroring org.jenkinsci.plugins.workflow.flow.FlowDefinition from workflow-api 1413.v2ff1a_5e720fa_: only its type. */
public abstract class FlowDefinition {}
