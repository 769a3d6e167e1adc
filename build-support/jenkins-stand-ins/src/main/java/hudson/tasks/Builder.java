package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

/** Stand-in mirroring hudson.tasks.Builder from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (BuildStepCompatibilityLayer left out). */
public abstract class Builder implements BuildStep, Describable<Builder>, ExtensionPoint {
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException();
    }
}
