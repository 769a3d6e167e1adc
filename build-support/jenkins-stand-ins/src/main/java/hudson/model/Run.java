package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.IOException;

/** Stand-in mirroring hudson.model.Run from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin uses). */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled {

    @NonNull
    public JobT getParent() {
        throw new UnsupportedOperationException();
    }

    public int getNumber() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getUrl() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getExternalizableId() {
        throw new UnsupportedOperationException();
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public Result getResult() {
        throw new UnsupportedOperationException();
    }

    public void setResult(@NonNull Result r) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int compareTo(@NonNull RunT that) {
        throw new UnsupportedOperationException();
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException();
    }
}
