package hudson;

import java.util.TreeMap;

/** Stand-in mirroring hudson.EnvVars from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core) (case-insensitive ordering and expansion left out). */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public EnvVars() {
        throw new UnsupportedOperationException();
    }
}
