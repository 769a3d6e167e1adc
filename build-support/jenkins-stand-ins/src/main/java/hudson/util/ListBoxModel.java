package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

/**
 * Stand-in mirroring hudson.util.ListBoxModel from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core)
 * (HttpResponse left out). Signatures only: unit tests replace constructed models with mockConstruction.
 */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {
        throw new UnsupportedOperationException();
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException();
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        throw new UnsupportedOperationException();
    }

    /** Mirrors ListBoxModel.Option. */
    public static final class Option {
        @NonNull public String name;
        @NonNull public String value;
        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {
            throw new UnsupportedOperationException();
        }

        public Option(@NonNull String name) {
            throw new UnsupportedOperationException();
        }

        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            throw new UnsupportedOperationException();
        }
    }
}
