package io.jenkins.plugins.sparkeks.emulator;

import java.time.Instant;

/** A job run the emulator accepted: its id, what was asked, the script it follows and when it was created. */
public record StartedJobRun(String id, JobRunRequest request, JobScript script, Instant createdAt) {
}
