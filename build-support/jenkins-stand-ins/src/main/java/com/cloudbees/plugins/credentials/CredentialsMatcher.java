package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** Stand-in mirroring com.cloudbees.plugins.credentials.CredentialsMatcher from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials). */
public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
