package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/** Stand-in mirroring org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl from plain-credentials 199.v9f8e1f741799 (org.jenkins-ci.plugins:plain-credentials) (BaseStandardCredentials superclass left out). */
public final class StringCredentialsImpl implements StringCredentials {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public StringCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, @NonNull Secret secret) {
        throw new UnsupportedOperationException();
    }

    @Override public CredentialsScope getScope() { throw new UnsupportedOperationException(); }
    @Override public String getId() { throw new UnsupportedOperationException(); }
    @Override public String getDescription() { throw new UnsupportedOperationException(); }
    @Override public Secret getSecret() { throw new UnsupportedOperationException(); }
}
