package hudson.security;

/** Stand-in mirroring hudson.security.SecurityRealm from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): only its type. */
public abstract class SecurityRealm {}
