package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Stand-in mirroring hudson.model.User from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (only the members the plugin's tests use). */
public class User {
    private User(String id, String fullName) {
        throw new UnsupportedOperationException();
    }

    @Nullable
    public static User getById(String id, boolean create) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public Authentication impersonate2() throws UsernameNotFoundException {
        throw new UnsupportedOperationException();
    }
}
