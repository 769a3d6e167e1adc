package hudson.model;

/** Stand-in mirroring hudson.model.AbstractProject from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): only its place in the type hierarchy. */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {}
