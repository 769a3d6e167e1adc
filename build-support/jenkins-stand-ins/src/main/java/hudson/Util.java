package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** Stand-in mirroring hudson.Util from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core); the string helpers behave as upstream documents them. */
public class Util {

    @CheckForNull
    public static String fixEmpty(@CheckForNull String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @CheckForNull
    public static String fixEmptyAndTrim(@CheckForNull String s) {
        return s == null ? null : fixEmpty(s.trim());
    }

    @NonNull
    public static String fixNull(@CheckForNull String s) {
        return s == null ? "" : s;
    }
}
