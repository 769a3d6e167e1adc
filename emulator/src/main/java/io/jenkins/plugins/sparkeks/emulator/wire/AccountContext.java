package io.jenkins.plugins.sparkeks.emulator.wire;

import java.time.Clock;

/** The region, account and clock every emulated service shares. */
public record AccountContext(String region, String accountId, Clock clock) {
}
