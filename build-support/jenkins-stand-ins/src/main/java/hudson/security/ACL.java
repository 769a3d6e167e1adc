package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Stand-in mirroring hudson.security.ACL from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): only the SYSTEM2 identity. */
public abstract class ACL {
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken("SYSTEM", "SYSTEM");

    @NonNull
    public static ACLContext as2(@NonNull Authentication auth) {
        throw new UnsupportedOperationException();
    }
}
