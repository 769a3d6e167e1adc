package com.cloudbees.plugins.credentials;

/** Stand-in mirroring com.cloudbees.plugins.credentials.CredentialsScope from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials). */
public enum CredentialsScope { SYSTEM, GLOBAL, USER }
