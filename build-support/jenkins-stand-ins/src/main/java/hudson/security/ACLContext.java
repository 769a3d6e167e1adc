package hudson.security;

/** Stand-in mirroring hudson.security.ACLContext from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public class ACLContext implements AutoCloseable {
    ACLContext() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }
}
