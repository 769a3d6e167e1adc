package io.jenkins.plugins.sparkeks.steps;

import hudson.Extension;
import hudson.model.listeners.ItemListener;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Detaches every running Spark step when Jenkins shuts down, before workflow-cps suspends the programs.
 *
 * <p>Why a listener and not a {@code @Terminator}: {@code Jenkins.cleanUp()} calls every
 * {@code ItemListener.onBeforeShutdown()} and only then runs the terminators. Among terminators nothing can be
 * ordered before {@code CpsFlowExecution.suspendAll()} (which writes program.dat): it requires only the root
 * milestone {@code TermMilestone.STARTED}, which a terminator cannot attain without requiring it too, and the
 * reactor runs tasks that wait on the same milestone in no defined order.
 */
@Extension
@Restricted(NoExternalUse.class)
public final class ShutdownDetacher extends ItemListener {

    @Override
    public void onBeforeShutdown() {
        SparkJobStepExecution.detachAll();
    }
}
