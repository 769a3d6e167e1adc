package hudson.tasks;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import java.io.IOException;

/** Stand-in mirroring hudson.tasks.BuildStep from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only perform and getRequiredMonitorService; the other members are left out). */
public interface BuildStep {
    boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws InterruptedException, IOException;

    default BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException();
    }
}
