package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.jvnet.localizer.Localizable;

/**
 * Stand-in mirroring hudson.security.PermissionGroup from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core)
 * (the public fields are left out).
 */
public final class PermissionGroup {

    /** No-op: permission groups are built by the permission constants when their classes initialise. */
    @SuppressWarnings("rawtypes") // upstream takes a raw Class
    public PermissionGroup(@NonNull Class owner, Localizable title) throws IllegalStateException {}
}
