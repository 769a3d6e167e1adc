package org.jenkinsci.plugins.workflow.steps;

import org.jvnet.hudson.test.JenkinsRule;

/** Stand-in mirroring org.jenkinsci.plugins.workflow.steps.StepConfigTester from workflow-step-api 724.v538c2362b_dfb_ (classifier tests). */
public final class StepConfigTester {
    public StepConfigTester(JenkinsRule rule) {
        throw new UnsupportedOperationException();
    }

    public <S extends Step> S configRoundTrip(S before) throws Exception {
        throw new UnsupportedOperationException();
    }
}
