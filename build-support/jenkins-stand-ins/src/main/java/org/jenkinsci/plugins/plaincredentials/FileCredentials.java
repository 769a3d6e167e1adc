package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.InputStream;

/** Stand-in mirroring org.jenkinsci.plugins.plaincredentials.FileCredentials from plain-credentials 199.v9f8e1f741799 (org.jenkins-ci.plugins:plain-credentials) (@NameWith left out). */
public interface FileCredentials extends StandardCredentials {
    @NonNull
    String getFileName();

    @NonNull
    InputStream getContent() throws IOException;
}
