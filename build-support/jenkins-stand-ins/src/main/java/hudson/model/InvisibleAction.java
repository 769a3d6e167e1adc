package hudson.model;

/** Stand-in mirroring hudson.model.InvisibleAction from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }
}
