package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** Stand-in mirroring org.jenkinsci.plugins.plaincredentials.StringCredentials from plain-credentials 199.v9f8e1f741799 (org.jenkins-ci.plugins:plain-credentials) (@NameWith left out). */
public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
