package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stand-in mirroring hudson.Launcher from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): only the type, which
 * {@code BuildStep.perform} names; one of its protected constructors, so no constructor exists that upstream lacks.
 */
public abstract class Launcher {

    protected Launcher(@NonNull Launcher launcher) {
        throw new UnsupportedOperationException();
    }
}
