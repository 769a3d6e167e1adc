/**
 * CloudWatch Logs: the event store and its JSON 1.1 operations. Internal to the emulator: use {@link io.jenkins.plugins.sparkeks.emulator.AwsEmulator}.
 */
package io.jenkins.plugins.sparkeks.emulator.logs;
