package com.cloudbees.plugins.credentials;

import hudson.Extension;
import java.io.IOException;
import java.util.List;

/** Stand-in mirroring com.cloudbees.plugins.credentials.SystemCredentialsProvider from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials) (only the members the plugin's tests use). */
@Extension
public class SystemCredentialsProvider {
    public SystemCredentialsProvider() {
        throw new UnsupportedOperationException();
    }

    public static SystemCredentialsProvider getInstance() {
        throw new UnsupportedOperationException();
    }

    public List<Credentials> getCredentials() {
        throw new UnsupportedOperationException();
    }

    public void save() throws IOException {
        throw new UnsupportedOperationException();
    }
}
