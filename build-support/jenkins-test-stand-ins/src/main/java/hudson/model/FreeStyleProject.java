package hudson.model;

import hudson.model.queue.QueueTaskFuture;
import hudson.tasks.Builder;
import hudson.util.DescribableList;

/** Stand-in mirroring hudson.model.FreeStyleProject from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin's tests use). */
public class FreeStyleProject extends AbstractProject<FreeStyleProject, FreeStyleBuild> implements TopLevelItem {
    protected FreeStyleProject() {
        throw new UnsupportedOperationException();
    }

    public DescribableList<Builder, Descriptor<Builder>> getBuildersList() {
        throw new UnsupportedOperationException();
    }

    public QueueTaskFuture<FreeStyleBuild> scheduleBuild2(int quietPeriod) {
        throw new UnsupportedOperationException();
    }
}
