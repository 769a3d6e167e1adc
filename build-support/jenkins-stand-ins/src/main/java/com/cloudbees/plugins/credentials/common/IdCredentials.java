package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Stand-in mirroring com.cloudbees.plugins.credentials.common.IdCredentials from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials). */
public interface IdCredentials extends Credentials {
    @NonNull
    String getId();
}
