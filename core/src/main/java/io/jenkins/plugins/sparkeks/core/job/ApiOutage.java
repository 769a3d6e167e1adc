package io.jenkins.plugins.sparkeks.core.job;

import java.time.Duration;
import java.util.Objects;

/**
 * One waiting job's view of an API that keeps failing: says so in the console when it starts, again at most once a
 * minute while it lasts, and when it ends; and tells the watch when the outage has lasted past its limit, so that
 * the wait ends with outcome UNKNOWN instead of going on in silence. Not thread-safe: its watch calls it under its
 * own lock.
 */
public final class ApiOutage {

    private static final Duration REMIND_EVERY = Duration.ofMinutes(1);

    private final JobObserver observer;
    private final Duration limit;
    private final String what;
    private Duration reported;

    /**
     * @param observer where the console lines go
     * @param limit    how long the API may keep failing
     * @param what     what is being looked at, e.g. {@code driver pod spark/pi-driver}
     */
    public ApiOutage(JobObserver observer, Duration limit, String what) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.what = Objects.requireNonNull(what, "what");
    }

    /** Another failed look, {@code since} into the outage. True once the outage has lasted {@code limit}. */
    public boolean failing(String problem, Duration since) {
        if (reported == null) {
            observer.diagnostic("Cannot check " + what + ": " + problem + ". Retrying; the wait ends with outcome UNKNOWN if"
                    + " this lasts " + human(limit) + ".");
            reported = since;
        } else if (since.minus(reported).compareTo(REMIND_EVERY) >= 0) {
            observer.diagnostic("Still cannot check " + what + " after " + human(since) + ": " + problem + ".");
            reported = since;
        }
        return since.compareTo(limit) >= 0;
    }

    /** A look succeeded again. */
    public void recovered(Duration lasted) {
        if (reported != null) {
            observer.diagnostic("Checking " + what + " works again after " + human(lasted) + ".");
            reported = null;
        }
    }

    /** The message of the UNKNOWN outcome. */
    public String gaveUp(String problem) {
        return "The API kept failing for " + human(limit) + " (last: " + problem + "), so the outcome of " + what
                + " is unknown; the job may still be running. Look again later with status or resume.";
    }

    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 1) {
            return d.toMillis() + " ms";
        }
        if (s < 120) {
            return s + " s";
        }
        return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }
}
