package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/** Stand-in mirroring jenkins.model.GlobalConfiguration from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {

    protected GlobalConfiguration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static ExtensionList<GlobalConfiguration> all() {
        throw new UnsupportedOperationException();
    }
}
