package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stand-in mirroring hudson.model.AbstractItem from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin uses). */
public abstract class AbstractItem extends Actionable implements Item {
    @Override
    @NonNull
    public String getName() {
        throw new UnsupportedOperationException();
    }

    @Override
    @NonNull
    public final String getFullName() {
        throw new UnsupportedOperationException();
    }

    public final String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException();
    }
}
