package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/** Stand-in mirroring hudson.model.Action from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (default methods left out). */
public interface Action extends ModelObject {
    @CheckForNull
    String getIconFileName();

    @Override
    @CheckForNull
    String getDisplayName();

    @CheckForNull
    String getUrlName();
}
