package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

/** Stand-in mirroring com.cloudbees.plugins.credentials.Credentials from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials) (getDescriptor/forRun left out). */
public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    @CheckForNull
    CredentialsScope getScope();
}
