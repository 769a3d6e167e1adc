package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.Authentication;

/** Stand-in mirroring hudson.model.User from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin's tests use). */
public class User {
    protected User() {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static User getById(String id, boolean create) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public Authentication impersonate2() {
        throw new UnsupportedOperationException();
    }
}
