package hudson;

import java.io.IOException;

/** Stand-in mirroring hudson.AbortException from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {}

    public AbortException(String message) {
        super(message);
    }
}
