package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import org.springframework.security.core.Authentication;

/** Stand-in mirroring jenkins.model.Jenkins from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin uses). */
public class Jenkins implements AccessControlled {

    public static final Permission ADMINISTER = Permission.HUDSON_ADMINISTER;
    public static final Permission READ = new Permission(
            new hudson.security.PermissionGroup(Jenkins.class, null), "Read", null, Permission.READ);

    protected Jenkins() {}

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static Authentication getAuthentication2() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }
}
