package hudson.model;

/** Stand-in mirroring hudson.model.InvisibleAction from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public abstract class InvisibleAction implements Action {
    @Override
    public final String getIconFileName() {
        return null;
    }

    @Override
    public final String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
