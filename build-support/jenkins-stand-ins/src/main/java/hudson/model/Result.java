package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stand-in mirroring hudson.model.Result from jenkins-core 2.541.3 (org.jenkins-ci.main:jenkins-core): the five
 * constants (distinct instances, compared by identity) and the comparisons, which throw.
 */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    @NonNull public static final Result SUCCESS = new Result("SUCCESS", 0, true);
    @NonNull public static final Result UNSTABLE = new Result("UNSTABLE", 1, true);
    @NonNull public static final Result FAILURE = new Result("FAILURE", 2, true);
    @NonNull public static final Result NOT_BUILT = new Result("NOT_BUILT", 3, false);
    @NonNull public static final Result ABORTED = new Result("ABORTED", 4, false);

    /**
     * No-op (upstream also takes the BallColor, left out here): the constants above are built by it when the
     * class initialises (see build-support/README.md).
     */
    private Result(String name, int ordinal, boolean complete) {}

    public boolean isWorseThan(@NonNull Result that) {
        throw new UnsupportedOperationException();
    }

    public boolean isBetterThan(@NonNull Result that) {
        throw new UnsupportedOperationException();
    }
}
