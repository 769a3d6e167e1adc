package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stand-in mirroring com.cloudbees.plugins.credentials.common.StandardCredentials from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials) (@Recommended/@NameWith left out). */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
