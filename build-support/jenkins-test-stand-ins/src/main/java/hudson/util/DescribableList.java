package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;
import java.util.AbstractList;

/** Stand-in mirroring hudson.util.DescribableList from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (its PersistedList superclass simplified). */
public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> extends AbstractList<T> {
    protected DescribableList() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean add(T item) {
        throw new UnsupportedOperationException();
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException();
    }
}
