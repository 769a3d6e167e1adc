package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;

/** Stand-in mirroring org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl from plain-credentials 199.v9f8e1f741799 (org.jenkins-ci.plugins:plain-credentials) (BaseStandardCredentials superclass left out). */
public final class FileCredentialsImpl implements FileCredentials {
    private static final long serialVersionUID = 1L;

    public FileCredentialsImpl(@CheckForNull CredentialsScope scope, @CheckForNull String id,
            @CheckForNull String description, @NonNull String fileName, @NonNull SecretBytes secretBytes) {
        throw new UnsupportedOperationException();
    }

    @Override public CredentialsScope getScope() { throw new UnsupportedOperationException(); }
    @Override public String getId() { throw new UnsupportedOperationException(); }
    @Override public String getDescription() { throw new UnsupportedOperationException(); }
    @Override public String getFileName() { throw new UnsupportedOperationException(); }
    @Override public InputStream getContent() throws IOException { throw new UnsupportedOperationException(); }
}
