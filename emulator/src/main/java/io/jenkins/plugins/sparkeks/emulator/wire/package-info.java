/**
 * Wire plumbing shared by the emulated services: decoded requests, answers, per-protocol error spelling. Not API:
 * tests and the CLI use {@link io.jenkins.plugins.sparkeks.emulator.AwsEmulator}.
 */
package io.jenkins.plugins.sparkeks.emulator.wire;
