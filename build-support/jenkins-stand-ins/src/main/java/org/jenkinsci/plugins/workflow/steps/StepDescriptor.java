package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Descriptor;
import java.util.Map;
import java.util.Set;

/** Stand-in mirroring org.jenkinsci.plugins.workflow.steps.StepDescriptor from workflow-step-api 724.v538c2362b_dfb_ (org.jenkins-ci.plugins.workflow:workflow-step-api) (only the members the plugin uses). */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean isAdvanced() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
        throw new UnsupportedOperationException();
    }
}
