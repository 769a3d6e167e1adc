package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

/** Stand-in mirroring com.cloudbees.plugins.credentials.domains.DomainRequirement from credentials 1511.v2e3cb_0008ef0 (org.jenkins-ci.plugins:credentials). */
public class DomainRequirement implements Serializable {
    private static final long serialVersionUID = 1L;
}
