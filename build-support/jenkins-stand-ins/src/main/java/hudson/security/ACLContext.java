package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.core.context.SecurityContext;

/** Stand-in mirroring hudson.security.ACLContext from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public class ACLContext implements AutoCloseable {
    ACLContext(@NonNull SecurityContext previousContext) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }
}
