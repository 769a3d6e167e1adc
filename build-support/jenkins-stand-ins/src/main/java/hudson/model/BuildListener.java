package hudson.model;

/**
 * Stand-in mirroring hudson.model.BuildListener from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core); its
 * default methods are left out.
 */
public interface BuildListener extends TaskListener {}
