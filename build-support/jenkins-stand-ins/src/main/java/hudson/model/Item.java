package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;

/** Stand-in mirroring hudson.model.Item from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin uses; other supertypes left out). */
public interface Item extends AccessControlled {
    @NonNull
    String getName();

    @NonNull
    String getFullName();

    String getUrl();

    PermissionGroup PERMISSIONS = new PermissionGroup(Item.class, null);
    Permission READ = new Permission(PERMISSIONS, "Read", null, Permission.READ);
    Permission EXTENDED_READ = new Permission(PERMISSIONS, "ExtendedRead", null, Permission.CONFIGURE);
    Permission CONFIGURE = new Permission(PERMISSIONS, "Configure", null, Permission.CONFIGURE);
    Permission BUILD = new Permission(PERMISSIONS, "Build", null, Permission.UPDATE);
}
