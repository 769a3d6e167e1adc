package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stand-in mirroring com.cloudbees.plugins.credentials.common.StandardListBoxModel from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials). */
public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    @Override
    @NonNull
    protected String describe(@NonNull StandardCredentials c) {
        throw new UnsupportedOperationException();
    }
}
