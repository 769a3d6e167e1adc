package hudson.security;

import org.jvnet.localizer.Localizable;

/** Stand-in mirroring hudson.security.PermissionGroup from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public final class PermissionGroup {
    public final Class<?> owner;

    public PermissionGroup(Class<?> owner, Localizable title) {
        this.owner = owner;
    }
}
