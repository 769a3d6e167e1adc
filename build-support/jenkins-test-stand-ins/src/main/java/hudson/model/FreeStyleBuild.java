package hudson.model;

/** Stand-in mirroring hudson.model.FreeStyleBuild from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): only its type. */
public class FreeStyleBuild extends AbstractBuild<FreeStyleProject, FreeStyleBuild> {
    protected FreeStyleBuild() {
        throw new UnsupportedOperationException();
    }

}
