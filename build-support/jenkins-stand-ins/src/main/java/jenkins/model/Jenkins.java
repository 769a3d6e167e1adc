package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.AccessControlled;
import org.springframework.security.access.AccessDeniedException;
import hudson.security.AuthorizationStrategy;
import hudson.security.SecurityRealm;
import hudson.security.Permission;
import org.springframework.security.core.Authentication;

/** Stand-in mirroring jenkins.model.Jenkins from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin and its tests use). */
public class Jenkins implements AccessControlled {

    public static final Permission ADMINISTER = Permission.HUDSON_ADMINISTER;
    public static final Permission READ = new Permission(
            new hudson.security.PermissionGroup(Jenkins.class, null), "Read", null, Permission.READ);

    public transient volatile hudson.ProxyConfiguration proxy;

    protected Jenkins() {
        throw new UnsupportedOperationException();
    }

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

    public void setSecurityRealm(@CheckForNull SecurityRealm securityRealm) {
        throw new UnsupportedOperationException();
    }

    public void setAuthorizationStrategy(@CheckForNull AuthorizationStrategy a) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public <T extends Item> T getItemByFullName(@NonNull String fullName, Class<T> type) throws AccessDeniedException {
        throw new UnsupportedOperationException();
    }

    @SuppressWarnings("rawtypes")
    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Nullable
    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }
}
