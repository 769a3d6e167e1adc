package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.security.PermissionGroup;

/** Stand-in mirroring com.cloudbees.plugins.credentials.CredentialsProvider from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials) (only the members the plugin uses). */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {

    public static final PermissionGroup GROUP = new PermissionGroup(CredentialsProvider.class, null);
    public static final Permission USE_OWN = new Permission(GROUP, "UseOwn", null, null);
    public static final Permission USE_ITEM = new Permission(GROUP, "UseItem", null, null);

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException();
    }
}
