package hudson.model;

/** Stand-in mirroring hudson.model.Describable from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
