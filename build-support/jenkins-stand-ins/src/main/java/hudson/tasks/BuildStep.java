package hudson.tasks;

/** Stand-in mirroring hudson.tasks.BuildStep from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only getRequiredMonitorService; the AbstractBuild-era members are left out). */
public interface BuildStep {
    default BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException();
    }
}
