package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;
import jenkins.model.Jenkins;

/** Stand-in mirroring hudson.ExtensionList from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin uses). */
public class ExtensionList<T> extends AbstractList<T> {

    protected ExtensionList(Jenkins jenkins, Class<T> extensionType) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public <U extends T> U get(@NonNull Class<U> type) {
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

    @NonNull
    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException();
    }
}
