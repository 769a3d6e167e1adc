package hudson.model.listeners;

import hudson.ExtensionPoint;

/**
 * Stand-in mirroring hudson.model.listeners.ItemListener from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core);
 * only {@code onBeforeShutdown()}, which {@code Jenkins.cleanUp()} calls before it runs any {@code @Terminator}.
 */
public class ItemListener implements ExtensionPoint {
    public void onBeforeShutdown() {
        throw new UnsupportedOperationException();
    }
}
