package hudson.model;

import hudson.ExtensionPoint;

/** Stand-in mirroring hudson.model.Job from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin uses). */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem
        implements ExtensionPoint {

    public RunT getBuildByNumber(int n) {
        throw new UnsupportedOperationException();
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException();
    }
}
