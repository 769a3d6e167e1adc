package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Descriptor;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stand-in mirroring org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition from workflow-cps 4370.v49a_6937566b_6 (org.jenkins-ci.plugins.workflow:workflow-cps). */
public class CpsFlowDefinition extends FlowDefinition {
    @DataBoundConstructor
    public CpsFlowDefinition(String script, boolean sandbox) throws Descriptor.FormException {
        throw new UnsupportedOperationException();
    }
}
