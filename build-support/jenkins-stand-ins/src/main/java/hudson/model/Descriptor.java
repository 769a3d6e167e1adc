package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

/** Stand-in mirroring hudson.model.Descriptor from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin uses; Loadable/Saveable/OnMaster left out). */
public abstract class Descriptor<T extends Describable<T>> {

    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException();
    }

    /** No-op: the descriptors of our steps, builders and global configuration are built in unit tests. */
    protected Descriptor() {}

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public T newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        throw new UnsupportedOperationException();
    }

    public synchronized void save() {
        throw new UnsupportedOperationException();
    }

    public synchronized void load() {
        throw new UnsupportedOperationException();
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException();
    }

    /** Mirrors Descriptor.FormException (HttpResponse left out). */
    public static final class FormException extends Exception {
        public FormException(String message, String formField) {
            throw new UnsupportedOperationException();
        }
    }
}
