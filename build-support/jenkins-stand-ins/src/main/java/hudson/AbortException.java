package hudson;

import java.io.IOException;

/**
 * Stand-in mirroring hudson.AbortException from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (the no-arg
 * constructor left out). The constructor hands the message to IOException, as upstream: the plugin throws this
 * exception itself and its tests assert the message (see build-support/README.md).
 */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        super(message);
    }
}
