package io.jenkins.plugins.sparkeks.core.job;

import io.jenkins.plugins.sparkeks.core.logs.LogCursor;
import io.jenkins.plugins.sparkeks.core.result.Backend;
import java.io.Serializable;

/**
 * Enough to find a submitted job again from another process (after a Jenkins restart, from a later CLI
 * call) without submitting it twice: remote ids plus the log cursor. Never holds a secret; the caller
 * supplies credentials again when it resumes.
 */
public interface JobReference extends Serializable {

    Backend backend();

    /** Short human id, e.g. {@code spark-apps:etl-1a2b-driver} or {@code vc123/jr456}. */
    String displayId();

    /** How far the driver log was delivered when this reference was taken. */
    LogCursor logCursor();

    JobReference withLogCursor(LogCursor cursor);
}
