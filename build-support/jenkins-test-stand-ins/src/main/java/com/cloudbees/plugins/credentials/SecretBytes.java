package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Stand-in mirroring com.cloudbees.plugins.credentials.SecretBytes from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials). */
public class SecretBytes implements Serializable {
    private static final long serialVersionUID = 1L;

    private SecretBytes() {
        throw new UnsupportedOperationException();
    }

    public static SecretBytes fromRawBytes(byte[] data) {
        throw new UnsupportedOperationException();
    }
}
