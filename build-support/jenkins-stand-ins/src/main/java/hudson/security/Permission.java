package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.jvnet.localizer.Localizable;

/**
 * Stand-in mirroring hudson.security.Permission from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): the
 * constants only, each a distinct instance that unit tests compare by identity (the public fields are left out).
 */
public final class Permission {

    private static final PermissionGroup GENERIC = new PermissionGroup(Permission.class, null);

    @Deprecated
    public static final Permission HUDSON_ADMINISTER = new Permission(GENERIC, "Administer", null, null);
    public static final Permission READ = new Permission(GENERIC, "Read", null, null);
    public static final Permission WRITE = new Permission(GENERIC, "Write", null, null);
    public static final Permission CREATE = new Permission(GENERIC, "Create", null, WRITE);
    public static final Permission UPDATE = new Permission(GENERIC, "Update", null, WRITE);
    public static final Permission DELETE = new Permission(GENERIC, "Delete", null, WRITE);
    public static final Permission CONFIGURE = new Permission(GENERIC, "Configure", null, UPDATE);

    /** No-op: the permission constants of core and plugins are built by it when their classes initialise. */
    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Localizable description,
            @CheckForNull Permission impliedBy) {}
}
