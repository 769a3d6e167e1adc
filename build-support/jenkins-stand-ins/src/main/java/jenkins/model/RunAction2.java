package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

/** Stand-in mirroring jenkins.model.RunAction2 from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
