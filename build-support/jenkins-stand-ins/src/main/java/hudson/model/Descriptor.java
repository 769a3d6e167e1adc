package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Stand-in mirroring hudson.model.Descriptor from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin uses; Loadable/Saveable/OnMaster left out). */
public abstract class Descriptor<T extends Describable<T>> {

    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    protected Descriptor() {
        this.clazz = null;
    }

    @NonNull
    public String getDisplayName() {
        return getClass().getSimpleName();
    }

    public synchronized void save() {}

    public synchronized void load() {}

    /** Mirrors Descriptor.FormException (HttpResponse left out). */
    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormException(String message, String formField) {
            super(message);
        }
    }
}
