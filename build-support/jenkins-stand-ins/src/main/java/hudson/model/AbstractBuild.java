package hudson.model;

/** Stand-in mirroring hudson.model.AbstractBuild from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): only its place in the type hierarchy. */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R>
        implements Queue.Executable {}
