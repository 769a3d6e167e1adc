package io.jenkins.plugins.sparkeks.steps;

import hudson.AbortException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A Spark step whose arguments do not make a valid job: it ends at once with the message that names each field,
 * its problem and the fix. An {@link AbortException} is what Pipeline prints as a plain error line rather than a
 * stack trace. Never resumed: it has ended before the program is saved again.
 */
final class InvalidArgumentsExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    private final String message;

    InvalidArgumentsExecution(StepContext context, String message) {
        super(context);
        this.message = message;
    }

    @Override
    public boolean start() {
        getContext().onFailure(new AbortException(message));
        return true;
    }
}
