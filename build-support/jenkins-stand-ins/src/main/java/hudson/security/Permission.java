package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.jvnet.localizer.Localizable;

/**
 * Stand-in mirroring hudson.security.Permission from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): identity by group and name, which is all unit
 * tests need to tell permissions apart (implication is not modelled).
 */
public final class Permission {

    private static final PermissionGroup GENERIC = new PermissionGroup(Permission.class, null);
    public static final Permission HUDSON_ADMINISTER = new Permission(GENERIC, "Administer", null, null);
    public static final Permission READ = new Permission(GENERIC, "Read", null, null);
    public static final Permission WRITE = new Permission(GENERIC, "Write", null, null);
    public static final Permission CREATE = new Permission(GENERIC, "Create", null, WRITE);
    public static final Permission UPDATE = new Permission(GENERIC, "Update", null, WRITE);
    public static final Permission DELETE = new Permission(GENERIC, "Delete", null, WRITE);
    public static final Permission CONFIGURE = new Permission(GENERIC, "Configure", null, UPDATE);

    @NonNull public final PermissionGroup group;
    @NonNull public final String name;
    @CheckForNull public final Permission impliedBy;

    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Localizable description,
            @CheckForNull Permission impliedBy) {
        this.group = group;
        this.name = name;
        this.impliedBy = impliedBy;
    }

    @Override
    public String toString() {
        return "Permission[" + group.owner.getName() + "," + name + "]";
    }
}
