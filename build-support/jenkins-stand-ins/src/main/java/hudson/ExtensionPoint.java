package hudson;

/** Stand-in mirroring hudson.ExtensionPoint from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public interface ExtensionPoint {}
