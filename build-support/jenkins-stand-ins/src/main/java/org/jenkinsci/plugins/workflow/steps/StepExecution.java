package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stand-in mirroring org.jenkinsci.plugins.workflow.steps.StepExecution from workflow-step-api 724.v538c2362b_dfb_
 * (org.jenkins-ci.plugins.workflow:workflow-step-api). Upstream keeps the context in a private field; here the
 * constructor is a no-op and every method throws, so unit tests stub {@link #getContext()} on a spy.
 */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    /** No-op: our executions are built in unit tests. */
    protected StepExecution(@NonNull StepContext context) {}

    @NonNull
    public StepContext getContext() {
        throw new UnsupportedOperationException();
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void onResume() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getStatus() {
        throw new UnsupportedOperationException();
    }

    public boolean blocksRestart() {
        throw new UnsupportedOperationException();
    }
}
