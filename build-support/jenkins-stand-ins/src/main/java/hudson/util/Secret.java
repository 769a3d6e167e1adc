package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stand-in mirroring hudson.util.Secret from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core). Signatures
 * only: unit tests mock Secret (an instance, or the static factory with mockStatic).
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    Secret(String value) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public String getPlainText() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        throw new UnsupportedOperationException();
    }
}
