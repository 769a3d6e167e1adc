package io.jenkins.plugins.sparkeks.emulator;

import java.time.Instant;

/** One request the emulator received, whether it was answered, faulted or dropped. */
public record RecordedCall(Operation operation, String accessKeyId, Instant at) {
}
